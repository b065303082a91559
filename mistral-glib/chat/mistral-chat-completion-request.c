// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <math.h>

#include "mistral-chat-completion-request-private.h"
#include "mistral-enum-types.h"
#include "mistral-error.h"
#include "mistral-chat-message-private.h"
#include "mistral-json-private.h"
#include "mistral-request-private.h"
#include "mistral-response-format-private.h"
#include "mistral-tool-private.h"

/**
 * MistralChatCompletionRequest:
 *
 * The body of a chat completion: the model, the conversation and the
 * sampling options.
 *
 * Every field of the API is a property. An optional number or boolean has a
 * companion `*-set` property (the GTK `foreground`/`foreground-set`
 * convention): setting the value sets it to %TRUE, and while it is %FALSE
 * the field is left out of the JSON body, so the API's own default applies.
 * Setting `temperature-set` to %FALSE unsets the temperature again.
 *
 * Values are checked against the API's ranges when the request is
 * serialised ([method@Mistral.ChatCompletionRequest.to_json]) or sent: a
 * request with no model, no messages, a temperature outside 0–1.5, a top_p
 * outside (0, 1], an n below 1 or a negative max_tokens fails with
 * %MISTRAL_ERROR_INVALID_REQUEST before anything goes on the wire.
 *
 * ## Usage
 *
 * ```c
 * g_autoptr(MistralChatCompletionRequest) request =
 *   mistral_chat_completion_request_new ("mistral-small-latest");
 * g_autoptr(MistralSystemMessage) system =
 *   mistral_system_message_new ("You are a terse assistant.");
 * g_autoptr(MistralUserMessage) user =
 *   mistral_user_message_new ("Do I need an umbrella in Lyon tomorrow?");
 *
 * mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (system));
 * mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
 * mistral_chat_completion_request_set_temperature (request, 0.3);
 * mistral_chat_completion_request_set_max_tokens (request, 256);
 * ```
 *
 * Since: 1.0
 */

struct _MistralChatCompletionRequest
{
  GObject parent_instance;

  char *model;
  GListStore *messages;
  GListStore *tools;
  MistralResponseFormat *response_format;
  char *tool_choice_function;
  char *prompt_mode;
  char *prompt_cache_key;
  char *prediction;
  JsonNode *metadata;
  JsonNode *guardrails;
  GStrv stop;
  gboolean stream;

  GValue options[MISTRAL_REQUEST_N_OPTIONS];
  gboolean options_set[MISTRAL_REQUEST_N_OPTIONS];
};

G_DEFINE_FINAL_TYPE (MistralChatCompletionRequest, mistral_chat_completion_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_MESSAGES,
  PROP_TOOLS,
  PROP_RESPONSE_FORMAT,
  PROP_TOOL_CHOICE_FUNCTION,
  PROP_PROMPT_MODE,
  PROP_PROMPT_CACHE_KEY,
  PROP_PREDICTION,
  PROP_METADATA,
  PROP_GUARDRAILS,
  PROP_STOP,
  PROP_STREAM,
  /* Each option has two properties from here: its value, then its -set flag. */
  PROP_OPTION_FIRST,
  N_PROPS = PROP_OPTION_FIRST + 2 * MISTRAL_REQUEST_N_OPTIONS
};

static GParamSpec *properties[N_PROPS];

#define OPTION_VALUE_PROP(opt) (PROP_OPTION_FIRST + 2 * (opt))
#define OPTION_SET_PROP(opt)   (PROP_OPTION_FIRST + 2 * (opt) + 1)

static const char * const option_set_names[MISTRAL_REQUEST_N_OPTIONS] = {
  [MISTRAL_REQUEST_OPTION_MAX_TOKENS] = "max-tokens-set",
  [MISTRAL_REQUEST_OPTION_TEMPERATURE] = "temperature-set",
  [MISTRAL_REQUEST_OPTION_TOP_P] = "top-p-set",
  [MISTRAL_REQUEST_OPTION_FREQUENCY_PENALTY] = "frequency-penalty-set",
  [MISTRAL_REQUEST_OPTION_PRESENCE_PENALTY] = "presence-penalty-set",
  [MISTRAL_REQUEST_OPTION_N] = "n-set",
  [MISTRAL_REQUEST_OPTION_RANDOM_SEED] = "random-seed-set",
  [MISTRAL_REQUEST_OPTION_PARALLEL_TOOL_CALLS] = "parallel-tool-calls-set",
  [MISTRAL_REQUEST_OPTION_SAFE_PROMPT] = "safe-prompt-set",
  [MISTRAL_REQUEST_OPTION_TOOL_CHOICE] = "tool-choice-set",
  [MISTRAL_REQUEST_OPTION_REASONING_EFFORT] = "reasoning-effort-set",
};

static void
mistral_chat_completion_request_finalize (GObject *object)
{
  MistralChatCompletionRequest *self = MISTRAL_CHAT_COMPLETION_REQUEST (object);

  g_free (self->model);
  g_clear_object (&self->messages);
  g_clear_object (&self->tools);
  g_clear_object (&self->response_format);
  g_free (self->tool_choice_function);
  g_free (self->prompt_mode);
  g_free (self->prompt_cache_key);
  g_free (self->prediction);
  g_clear_pointer (&self->metadata, json_node_unref);
  g_clear_pointer (&self->guardrails, json_node_unref);
  g_strfreev (self->stop);
  for (guint i = 0; i < MISTRAL_REQUEST_N_OPTIONS; i++)
    g_value_unset (&self->options[i]);

  G_OBJECT_CLASS (mistral_chat_completion_request_parent_class)->finalize (object);
}

/* Stores @value for @opt and marks it set, notifying only what changed. */
static void
set_option (MistralChatCompletionRequest *self,
            MistralRequestOption          opt,
            const GValue                 *value)
{
  GParamSpec *pspec = properties[OPTION_VALUE_PROP (opt)];
  gboolean value_changed = g_param_values_cmp (pspec, &self->options[opt], value) != 0;
  gboolean flag_changed = !self->options_set[opt];

  /* NaN compares equal to everything in g_param_values_cmp (); keep it, so
   * that validation can report it. */
  if (G_VALUE_HOLDS_DOUBLE (value) && isnan (g_value_get_double (value)))
    value_changed = TRUE;

  g_value_copy (value, &self->options[opt]);
  self->options_set[opt] = TRUE;

  if (value_changed)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
  if (flag_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[OPTION_SET_PROP (opt)]);
}

static void
set_option_flag (MistralChatCompletionRequest *self,
                 MistralRequestOption          opt,
                 gboolean                      is_set)
{
  if (self->options_set[opt] == !!is_set)
    return;

  self->options_set[opt] = !!is_set;
  g_object_notify_by_pspec (G_OBJECT (self), properties[OPTION_SET_PROP (opt)]);
}

static void
set_option_double (MistralChatCompletionRequest *self,
                   MistralRequestOption          opt,
                   double                        v)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, v);
  set_option (self, opt, &value);
}

static void
set_option_int (MistralChatCompletionRequest *self,
                MistralRequestOption          opt,
                int                           v)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, v);
  set_option (self, opt, &value);
}

static void
set_option_boolean (MistralChatCompletionRequest *self,
                    MistralRequestOption          opt,
                    gboolean                      v)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, !!v);
  set_option (self, opt, &value);
}

static void
set_string (MistralChatCompletionRequest  *self,
            char                         **field,
            const char                    *value,
            int                            prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
mistral_chat_completion_request_get_property (GObject    *object,
                                              guint       prop_id,
                                              GValue     *value,
                                              GParamSpec *pspec)
{
  MistralChatCompletionRequest *self = MISTRAL_CHAT_COMPLETION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_MESSAGES:
      g_value_set_object (value, self->messages);
      break;
    case PROP_TOOLS:
      g_value_set_object (value, self->tools);
      break;
    case PROP_RESPONSE_FORMAT:
      g_value_set_object (value, self->response_format);
      break;
    case PROP_TOOL_CHOICE_FUNCTION:
      g_value_set_string (value, self->tool_choice_function);
      break;
    case PROP_PROMPT_MODE:
      g_value_set_string (value, self->prompt_mode);
      break;
    case PROP_PROMPT_CACHE_KEY:
      g_value_set_string (value, self->prompt_cache_key);
      break;
    case PROP_PREDICTION:
      g_value_set_string (value, self->prediction);
      break;
    case PROP_METADATA:
      g_value_set_boxed (value, self->metadata);
      break;
    case PROP_GUARDRAILS:
      g_value_set_boxed (value, self->guardrails);
      break;
    case PROP_STOP:
      g_value_set_boxed (value, self->stop);
      break;
    case PROP_STREAM:
      g_value_set_boolean (value, self->stream);
      break;
    default:
      if (prop_id >= PROP_OPTION_FIRST && prop_id < N_PROPS)
        {
          MistralRequestOption opt = (prop_id - PROP_OPTION_FIRST) / 2;

          if ((prop_id - PROP_OPTION_FIRST) % 2 == 0)
            g_value_copy (&self->options[opt], value);
          else
            g_value_set_boolean (value, self->options_set[opt]);
          break;
        }
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_chat_completion_request_set_property (GObject      *object,
                                              guint         prop_id,
                                              const GValue *value,
                                              GParamSpec   *pspec)
{
  MistralChatCompletionRequest *self = MISTRAL_CHAT_COMPLETION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      mistral_chat_completion_request_set_model (self, g_value_get_string (value));
      break;
    case PROP_RESPONSE_FORMAT:
      mistral_chat_completion_request_set_response_format (self, g_value_get_object (value));
      break;
    case PROP_TOOL_CHOICE_FUNCTION:
      mistral_chat_completion_request_set_tool_choice_function (self, g_value_get_string (value));
      break;
    case PROP_PROMPT_MODE:
      mistral_chat_completion_request_set_prompt_mode (self, g_value_get_string (value));
      break;
    case PROP_PROMPT_CACHE_KEY:
      mistral_chat_completion_request_set_prompt_cache_key (self, g_value_get_string (value));
      break;
    case PROP_PREDICTION:
      mistral_chat_completion_request_set_prediction (self, g_value_get_string (value));
      break;
    case PROP_METADATA:
      mistral_chat_completion_request_set_metadata (self, g_value_get_boxed (value));
      break;
    case PROP_GUARDRAILS:
      mistral_chat_completion_request_set_guardrails (self, g_value_get_boxed (value));
      break;
    case PROP_STOP:
      mistral_chat_completion_request_set_stop (self, g_value_get_boxed (value));
      break;
    case PROP_STREAM:
      mistral_chat_completion_request_set_streaming (self, g_value_get_boolean (value));
      break;
    default:
      if (prop_id >= PROP_OPTION_FIRST && prop_id < N_PROPS)
        {
          MistralRequestOption opt = (prop_id - PROP_OPTION_FIRST) / 2;

          if ((prop_id - PROP_OPTION_FIRST) % 2 == 0)
            set_option (self, opt, value);
          else
            set_option_flag (self, opt, g_value_get_boolean (value));
          break;
        }
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
mistral_chat_completion_request_class_init (MistralChatCompletionRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_chat_completion_request_finalize;
  object_class->get_property = mistral_chat_completion_request_get_property;
  object_class->set_property = mistral_chat_completion_request_set_property;

  /**
   * MistralChatCompletionRequest:model:
   *
   * The model to use, such as `mistral-small-latest`.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:messages: (type Gio.ListModel)
   *
   * The conversation, a list of [class@Mistral.ChatMessage].
   *
   * Since: 1.0
   */
  properties[PROP_MESSAGES] =
    g_param_spec_object ("messages", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralChatCompletionRequest:tools: (type Gio.ListModel)
   *
   * The tools the model may call, a list of [class@Mistral.Tool].
   *
   * Since: 1.0
   */
  properties[PROP_TOOLS] =
    g_param_spec_object ("tools", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralChatCompletionRequest:response-format:
   *
   * The output format: text, JSON mode or a JSON schema. %NULL leaves the
   * field out (the API's default is text).
   *
   * Since: 1.0
   */
  properties[PROP_RESPONSE_FORMAT] =
    g_param_spec_object ("response-format", NULL, NULL, MISTRAL_TYPE_RESPONSE_FORMAT, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:tool-choice-function:
   *
   * The function the model must call when
   * [property@Mistral.ChatCompletionRequest:tool-choice] is
   * %MISTRAL_TOOL_CHOICE_TYPE_FUNCTION.
   *
   * Since: 1.0
   */
  properties[PROP_TOOL_CHOICE_FUNCTION] =
    g_param_spec_string ("tool-choice-function", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:prompt-mode:
   *
   * The prompt mode (`reasoning` is the one value the API knows), or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_PROMPT_MODE] =
    g_param_spec_string ("prompt-mode", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:prompt-cache-key: (getter get_prompt_cache_key) (setter set_prompt_cache_key)
   *
   * A key that lets the API reuse its cache of a prompt across requests
   * that share a prefix, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_PROMPT_CACHE_KEY] =
    g_param_spec_string ("prompt-cache-key", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:prediction: (getter get_prediction) (setter set_prediction)
   *
   * The output the model is expected to give, or most of it (predicted
   * outputs: a file being edited, say), which the API uses to answer
   * faster; %NULL for none. Sent as `{"type": "content", "content": …}`.
   *
   * Since: 1.0
   */
  properties[PROP_PREDICTION] =
    g_param_spec_string ("prediction", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:metadata: (getter get_metadata) (setter set_metadata)
   *
   * Free-form metadata kept with the request: a JSON object, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_METADATA] =
    g_param_spec_boxed ("metadata", NULL, NULL, JSON_TYPE_NODE, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:guardrails: (getter get_guardrails) (setter set_guardrails)
   *
   * The guardrails the API applies: a JSON list of guardrail
   * configurations, as the API documents them, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_GUARDRAILS] =
    g_param_spec_boxed ("guardrails", NULL, NULL, JSON_TYPE_NODE, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:stop:
   *
   * Texts at which the model stops; they are not included in the output.
   *
   * Since: 1.0
   */
  properties[PROP_STOP] =
    g_param_spec_boxed ("stop", NULL, NULL, G_TYPE_STRV, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:stream:
   *
   * Whether [method@Mistral.ChatCompletionRequest.to_json] asks for a
   * streamed reply. [method@Mistral.Client.chat_completion] and the
   * streaming call set the field themselves, so one request can be used
   * with both.
   *
   * Since: 1.0
   */
  properties[PROP_STREAM] =
    g_param_spec_boolean ("stream", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:max-tokens:
   *
   * The most tokens the reply may have (the API's `max_tokens`, at least 0).
   *
   * Since: 1.0
   */
  properties[OPTION_VALUE_PROP (MISTRAL_REQUEST_OPTION_MAX_TOKENS)] =
    g_param_spec_int ("max-tokens", NULL, NULL, G_MININT, G_MAXINT, 0, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:temperature:
   *
   * The sampling temperature, from 0 to 1.5. Change this or
   * [property@Mistral.ChatCompletionRequest:top-p], not both.
   *
   * Since: 1.0
   */
  properties[OPTION_VALUE_PROP (MISTRAL_REQUEST_OPTION_TEMPERATURE)] =
    g_param_spec_double ("temperature", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.7, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:top-p:
   *
   * Nucleus sampling: the probability mass of the tokens considered,
   * greater than 0 and at most 1.
   *
   * Since: 1.0
   */
  properties[OPTION_VALUE_PROP (MISTRAL_REQUEST_OPTION_TOP_P)] =
    g_param_spec_double ("top-p", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1.0, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:frequency-penalty:
   *
   * Penalises tokens by how often they already appear, from -2 to 2.
   *
   * Since: 1.0
   */
  properties[OPTION_VALUE_PROP (MISTRAL_REQUEST_OPTION_FREQUENCY_PENALTY)] =
    g_param_spec_double ("frequency-penalty", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:presence-penalty:
   *
   * Penalises tokens that already appear, from -2 to 2.
   *
   * Since: 1.0
   */
  properties[OPTION_VALUE_PROP (MISTRAL_REQUEST_OPTION_PRESENCE_PENALTY)] =
    g_param_spec_double ("presence-penalty", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:n:
   *
   * How many choices to generate (at least 1).
   *
   * Since: 1.0
   */
  properties[OPTION_VALUE_PROP (MISTRAL_REQUEST_OPTION_N)] =
    g_param_spec_int ("n", NULL, NULL, G_MININT, G_MAXINT, 1, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:random-seed:
   *
   * The seed of the sampler, which makes replies repeatable (at least 0).
   *
   * Since: 1.0
   */
  properties[OPTION_VALUE_PROP (MISTRAL_REQUEST_OPTION_RANDOM_SEED)] =
    g_param_spec_int64 ("random-seed", NULL, NULL, G_MININT64, G_MAXINT64, 0, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:parallel-tool-calls:
   *
   * Whether the model may ask for several tool calls at once.
   *
   * Since: 1.0
   */
  properties[OPTION_VALUE_PROP (MISTRAL_REQUEST_OPTION_PARALLEL_TOOL_CALLS)] =
    g_param_spec_boolean ("parallel-tool-calls", NULL, NULL, TRUE, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:safe-prompt:
   *
   * Whether the API puts its safety prompt before the conversation.
   *
   * Since: 1.0
   */
  properties[OPTION_VALUE_PROP (MISTRAL_REQUEST_OPTION_SAFE_PROMPT)] =
    g_param_spec_boolean ("safe-prompt", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:tool-choice:
   *
   * How the model may use the tools.
   *
   * Since: 1.0
   */
  properties[OPTION_VALUE_PROP (MISTRAL_REQUEST_OPTION_TOOL_CHOICE)] =
    g_param_spec_enum ("tool-choice", NULL, NULL, MISTRAL_TYPE_TOOL_CHOICE_TYPE,
                       MISTRAL_TOOL_CHOICE_TYPE_AUTO, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:reasoning-effort: (getter get_reasoning_effort) (setter set_reasoning_effort)
   *
   * How much a reasoning model thinks before it answers; sent only when
   * [property@Mistral.ChatCompletionRequest:reasoning-effort-set] is %TRUE.
   *
   * Since: 1.0
   */
  properties[OPTION_VALUE_PROP (MISTRAL_REQUEST_OPTION_REASONING_EFFORT)] =
    g_param_spec_enum ("reasoning-effort", NULL, NULL, MISTRAL_TYPE_REASONING_EFFORT,
                       MISTRAL_REASONING_EFFORT_NONE, RW_FLAGS);

  /**
   * MistralChatCompletionRequest:max-tokens-set:
   *
   * Whether [property@Mistral.ChatCompletionRequest:max-tokens] is sent.
   *
   * Since: 1.0
   */
  /**
   * MistralChatCompletionRequest:temperature-set:
   *
   * Whether [property@Mistral.ChatCompletionRequest:temperature] is sent.
   *
   * Since: 1.0
   */
  /**
   * MistralChatCompletionRequest:top-p-set:
   *
   * Whether [property@Mistral.ChatCompletionRequest:top-p] is sent.
   *
   * Since: 1.0
   */
  /**
   * MistralChatCompletionRequest:frequency-penalty-set:
   *
   * Whether [property@Mistral.ChatCompletionRequest:frequency-penalty] is sent.
   *
   * Since: 1.0
   */
  /**
   * MistralChatCompletionRequest:presence-penalty-set:
   *
   * Whether [property@Mistral.ChatCompletionRequest:presence-penalty] is sent.
   *
   * Since: 1.0
   */
  /**
   * MistralChatCompletionRequest:n-set:
   *
   * Whether [property@Mistral.ChatCompletionRequest:n] is sent.
   *
   * Since: 1.0
   */
  /**
   * MistralChatCompletionRequest:random-seed-set:
   *
   * Whether [property@Mistral.ChatCompletionRequest:random-seed] is sent.
   *
   * Since: 1.0
   */
  /**
   * MistralChatCompletionRequest:parallel-tool-calls-set:
   *
   * Whether [property@Mistral.ChatCompletionRequest:parallel-tool-calls] is sent.
   *
   * Since: 1.0
   */
  /**
   * MistralChatCompletionRequest:safe-prompt-set:
   *
   * Whether [property@Mistral.ChatCompletionRequest:safe-prompt] is sent.
   *
   * Since: 1.0
   */
  /**
   * MistralChatCompletionRequest:tool-choice-set:
   *
   * Whether [property@Mistral.ChatCompletionRequest:tool-choice] is sent.
   *
   * Since: 1.0
   */
  /**
   * MistralChatCompletionRequest:reasoning-effort-set:
   *
   * Whether [property@Mistral.ChatCompletionRequest:reasoning-effort] is sent.
   *
   * Since: 1.0
   */
  for (guint i = 0; i < MISTRAL_REQUEST_N_OPTIONS; i++)
    properties[OPTION_SET_PROP (i)] =
      g_param_spec_boolean (option_set_names[i], NULL, NULL, FALSE, RW_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_chat_completion_request_init (MistralChatCompletionRequest *self)
{
  self->messages = g_list_store_new (MISTRAL_TYPE_CHAT_MESSAGE);
  self->tools = g_list_store_new (MISTRAL_TYPE_TOOL);

  for (guint i = 0; i < MISTRAL_REQUEST_N_OPTIONS; i++)
    {
      GParamSpec *pspec = properties[OPTION_VALUE_PROP (i)];

      g_value_init (&self->options[i], G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_param_value_set_default (pspec, &self->options[i]);
    }
}

/**
 * mistral_chat_completion_request_new:
 * @model: the model, such as `mistral-small-latest`
 *
 * Creates a request for a single (not streamed) reply from @model.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 1.0
 */
MistralChatCompletionRequest *
mistral_chat_completion_request_new (const char *model)
{
  return g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_REQUEST, "model", model, NULL);
}

/**
 * mistral_chat_completion_request_new_stream:
 * @model: the model, such as `mistral-small-latest`
 *
 * Creates a request for a streamed reply from @model: the same as
 * [ctor@Mistral.ChatCompletionRequest.new] with
 * [property@Mistral.ChatCompletionRequest:stream] set.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 1.0
 */
MistralChatCompletionRequest *
mistral_chat_completion_request_new_stream (const char *model)
{
  return g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_REQUEST, "model", model, "stream", TRUE, NULL);
}

/**
 * mistral_chat_completion_request_get_model: (get-property model)
 * @self: a request
 *
 * Gets the model.
 *
 * Returns: (nullable): the model
 *
 * Since: 1.0
 */
const char *
mistral_chat_completion_request_get_model (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);

  return self->model;
}

/**
 * mistral_chat_completion_request_set_model: (set-property model)
 * @self: a request
 * @model: (nullable): the model
 *
 * Sets the model.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_model (MistralChatCompletionRequest *self,
                                           const char                   *model)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_string (self, &self->model, model, PROP_MODEL);
}

/**
 * mistral_chat_completion_request_get_messages: (get-property messages)
 * @self: a request
 *
 * Gets the messages.
 *
 * Returns: (transfer none): the conversation, a list of [class@Mistral.ChatMessage]
 *
 * Since: 1.0
 */
GListModel *
mistral_chat_completion_request_get_messages (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);

  return G_LIST_MODEL (self->messages);
}

/**
 * mistral_chat_completion_request_add_message:
 * @self: a request
 * @message: the next message of the conversation
 *
 * Appends @message to the conversation.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_add_message (MistralChatCompletionRequest *self,
                                             MistralChatMessage           *message)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));
  g_return_if_fail (MISTRAL_IS_CHAT_MESSAGE (message));

  g_list_store_append (self->messages, message);
}

/**
 * mistral_chat_completion_request_remove_message:
 * @self: a request
 * @position: the position of the message to remove, from 0
 *
 * Removes the message at @position from the conversation, as when a user
 * edits or deletes a message and asks again. @position must be less than
 * the number of messages.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_remove_message (MistralChatCompletionRequest *self,
                                                guint                         position)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->messages)));

  g_list_store_remove (self->messages, position);
}

/**
 * mistral_chat_completion_request_clear_messages:
 * @self: a request
 *
 * Removes every message, to start a new conversation with the same
 * options.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_clear_messages (MistralChatCompletionRequest *self)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  g_list_store_remove_all (self->messages);
}

/**
 * mistral_chat_completion_request_get_tools: (get-property tools)
 * @self: a request
 *
 * Gets the tools.
 *
 * Returns: (transfer none): the tools, a list of [class@Mistral.Tool]
 *
 * Since: 1.0
 */
GListModel *
mistral_chat_completion_request_get_tools (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);

  return G_LIST_MODEL (self->tools);
}

/**
 * mistral_chat_completion_request_add_tool:
 * @self: a request
 * @tool: a tool the model may call
 *
 * Appends @tool to the tools of the request.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_add_tool (MistralChatCompletionRequest *self,
                                          MistralTool                  *tool)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));
  g_return_if_fail (MISTRAL_IS_TOOL (tool));

  g_list_store_append (self->tools, tool);
}

/**
 * mistral_chat_completion_request_set_tools:
 * @self: a request
 * @tools: (array length=n_tools) (nullable): the tools
 * @n_tools: the number of @tools
 *
 * Replaces the tools of the request with @tools. Like the Go client's
 * `WithTools`, this also sets [property@Mistral.ChatCompletionRequest:tool-choice]
 * to %MISTRAL_TOOL_CHOICE_TYPE_AUTO when no tool choice was set.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_tools (MistralChatCompletionRequest  *self,
                                           MistralTool                  **tools,
                                           guint                          n_tools)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));
  g_return_if_fail (tools != NULL || n_tools == 0);

  for (guint i = 0; i < n_tools; i++)
    g_return_if_fail (MISTRAL_IS_TOOL (tools[i]));

  g_list_store_splice (self->tools, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tools)),
                       (gpointer *) tools, n_tools);

  if (!self->options_set[MISTRAL_REQUEST_OPTION_TOOL_CHOICE])
    mistral_chat_completion_request_set_tool_choice (self, MISTRAL_TOOL_CHOICE_TYPE_AUTO);
}

/**
 * mistral_chat_completion_request_get_max_tokens: (get-property max-tokens)
 * @self: a request
 *
 * Gets the max tokens.
 *
 * Returns: the most tokens of the reply (see [property@Mistral.ChatCompletionRequest:max-tokens-set])
 *
 * Since: 1.0
 */
int
mistral_chat_completion_request_get_max_tokens (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), 0);

  return g_value_get_int (&self->options[MISTRAL_REQUEST_OPTION_MAX_TOKENS]);
}

/**
 * mistral_chat_completion_request_set_max_tokens: (set-property max-tokens)
 * @self: a request
 * @max_tokens: the most tokens of the reply
 *
 * Sets the most tokens of the reply, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_max_tokens (MistralChatCompletionRequest *self,
                                                int                           max_tokens)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_option_int (self, MISTRAL_REQUEST_OPTION_MAX_TOKENS, max_tokens);
}

/**
 * mistral_chat_completion_request_get_temperature: (get-property temperature)
 * @self: a request
 *
 * Gets the temperature.
 *
 * Returns: the temperature (see [property@Mistral.ChatCompletionRequest:temperature-set])
 *
 * Since: 1.0
 */
double
mistral_chat_completion_request_get_temperature (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), 0.0);

  return g_value_get_double (&self->options[MISTRAL_REQUEST_OPTION_TEMPERATURE]);
}

/**
 * mistral_chat_completion_request_set_temperature: (set-property temperature)
 * @self: a request
 * @temperature: the temperature, from 0 to 1.5
 *
 * Sets the temperature, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_temperature (MistralChatCompletionRequest *self,
                                                 double                        temperature)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_option_double (self, MISTRAL_REQUEST_OPTION_TEMPERATURE, temperature);
}

/**
 * mistral_chat_completion_request_get_top_p: (get-property top-p)
 * @self: a request
 *
 * Gets the top p.
 *
 * Returns: the nucleus sampling mass (see [property@Mistral.ChatCompletionRequest:top-p-set])
 *
 * Since: 1.0
 */
double
mistral_chat_completion_request_get_top_p (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), 0.0);

  return g_value_get_double (&self->options[MISTRAL_REQUEST_OPTION_TOP_P]);
}

/**
 * mistral_chat_completion_request_set_top_p: (set-property top-p)
 * @self: a request
 * @top_p: the nucleus sampling mass, greater than 0 and at most 1
 *
 * Sets the nucleus sampling mass, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_top_p (MistralChatCompletionRequest *self,
                                           double                        top_p)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_option_double (self, MISTRAL_REQUEST_OPTION_TOP_P, top_p);
}

/**
 * mistral_chat_completion_request_get_frequency_penalty: (get-property frequency-penalty)
 * @self: a request
 *
 * Gets the frequency penalty.
 *
 * Returns: the frequency penalty
 *
 * Since: 1.0
 */
double
mistral_chat_completion_request_get_frequency_penalty (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), 0.0);

  return g_value_get_double (&self->options[MISTRAL_REQUEST_OPTION_FREQUENCY_PENALTY]);
}

/**
 * mistral_chat_completion_request_set_frequency_penalty: (set-property frequency-penalty)
 * @self: a request
 * @penalty: the frequency penalty, from -2 to 2
 *
 * Sets the frequency penalty, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_frequency_penalty (MistralChatCompletionRequest *self,
                                                       double                        penalty)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_option_double (self, MISTRAL_REQUEST_OPTION_FREQUENCY_PENALTY, penalty);
}

/**
 * mistral_chat_completion_request_get_presence_penalty: (get-property presence-penalty)
 * @self: a request
 *
 * Gets the presence penalty.
 *
 * Returns: the presence penalty
 *
 * Since: 1.0
 */
double
mistral_chat_completion_request_get_presence_penalty (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), 0.0);

  return g_value_get_double (&self->options[MISTRAL_REQUEST_OPTION_PRESENCE_PENALTY]);
}

/**
 * mistral_chat_completion_request_set_presence_penalty: (set-property presence-penalty)
 * @self: a request
 * @penalty: the presence penalty, from -2 to 2
 *
 * Sets the presence penalty, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_presence_penalty (MistralChatCompletionRequest *self,
                                                      double                        penalty)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_option_double (self, MISTRAL_REQUEST_OPTION_PRESENCE_PENALTY, penalty);
}

/**
 * mistral_chat_completion_request_get_n: (get-property n)
 * @self: a request
 *
 * Gets the n.
 *
 * Returns: how many choices to generate
 *
 * Since: 1.0
 */
int
mistral_chat_completion_request_get_n (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), 1);

  return g_value_get_int (&self->options[MISTRAL_REQUEST_OPTION_N]);
}

/**
 * mistral_chat_completion_request_set_n: (set-property n)
 * @self: a request
 * @n: how many choices to generate, at least 1
 *
 * Sets how many choices to generate, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_n (MistralChatCompletionRequest *self,
                                       int                           n)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_option_int (self, MISTRAL_REQUEST_OPTION_N, n);
}

/**
 * mistral_chat_completion_request_get_random_seed: (get-property random-seed)
 * @self: a request
 *
 * Gets the random seed.
 *
 * Returns: the seed of the sampler
 *
 * Since: 1.0
 */
gint64
mistral_chat_completion_request_get_random_seed (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), 0);

  return g_value_get_int64 (&self->options[MISTRAL_REQUEST_OPTION_RANDOM_SEED]);
}

/**
 * mistral_chat_completion_request_set_random_seed: (set-property random-seed)
 * @self: a request
 * @random_seed: the seed, at least 0
 *
 * Sets the seed of the sampler, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_random_seed (MistralChatCompletionRequest *self,
                                                 gint64                        random_seed)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, random_seed);
  set_option (self, MISTRAL_REQUEST_OPTION_RANDOM_SEED, &value);
}

/**
 * mistral_chat_completion_request_get_parallel_tool_calls: (get-property parallel-tool-calls)
 * @self: a request
 *
 * Gets the parallel tool calls.
 *
 * Returns: whether the model may ask for several tool calls at once
 *
 * Since: 1.0
 */
gboolean
mistral_chat_completion_request_get_parallel_tool_calls (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), TRUE);

  return g_value_get_boolean (&self->options[MISTRAL_REQUEST_OPTION_PARALLEL_TOOL_CALLS]);
}

/**
 * mistral_chat_completion_request_set_parallel_tool_calls: (set-property parallel-tool-calls)
 * @self: a request
 * @parallel_tool_calls: whether the model may ask for several tool calls at once
 *
 * Sets whether the model may ask for several tool calls at once, and marks
 * it to be sent (so %FALSE is sent too).
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_parallel_tool_calls (MistralChatCompletionRequest *self,
                                                         gboolean                      parallel_tool_calls)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_option_boolean (self, MISTRAL_REQUEST_OPTION_PARALLEL_TOOL_CALLS, parallel_tool_calls);
}

/**
 * mistral_chat_completion_request_get_safe_prompt: (get-property safe-prompt)
 * @self: a request
 *
 * Gets the safe prompt.
 *
 * Returns: whether the API adds its safety prompt
 *
 * Since: 1.0
 */
gboolean
mistral_chat_completion_request_get_safe_prompt (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), FALSE);

  return g_value_get_boolean (&self->options[MISTRAL_REQUEST_OPTION_SAFE_PROMPT]);
}

/**
 * mistral_chat_completion_request_set_safe_prompt: (set-property safe-prompt)
 * @self: a request
 * @safe_prompt: whether the API adds its safety prompt
 *
 * Sets whether the API adds its safety prompt, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_safe_prompt (MistralChatCompletionRequest *self,
                                                 gboolean                      safe_prompt)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_option_boolean (self, MISTRAL_REQUEST_OPTION_SAFE_PROMPT, safe_prompt);
}

/**
 * mistral_chat_completion_request_get_prompt_mode: (get-property prompt-mode)
 * @self: a request
 *
 * Gets the prompt mode.
 *
 * Returns: (nullable): the prompt mode
 *
 * Since: 1.0
 */
const char *
mistral_chat_completion_request_get_prompt_mode (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);

  return self->prompt_mode;
}

/**
 * mistral_chat_completion_request_set_prompt_mode: (set-property prompt-mode)
 * @self: a request
 * @prompt_mode: (nullable): the prompt mode, such as `reasoning`, or %NULL to leave it out
 *
 * Sets the prompt mode.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_prompt_mode (MistralChatCompletionRequest *self,
                                                 const char                   *prompt_mode)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_string (self, &self->prompt_mode, prompt_mode, PROP_PROMPT_MODE);
}

/**
 * mistral_chat_completion_request_get_stop: (get-property stop)
 * @self: a request
 *
 * Gets the stop.
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the stop texts
 *
 * Since: 1.0
 */
const char * const *
mistral_chat_completion_request_get_stop (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);

  return (const char * const *) self->stop;
}

/**
 * mistral_chat_completion_request_set_stop: (set-property stop)
 * @self: a request
 * @stop: (nullable) (array zero-terminated=1): the stop texts, or %NULL to leave them out
 *
 * Sets the texts at which the model stops. They are sent as a list.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_stop (MistralChatCompletionRequest *self,
                                          const char * const           *stop)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  if (mistral_request_replace_strv (&self->stop, stop))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOP]);
}

/**
 * mistral_chat_completion_request_get_stream: (get-property stream)
 * @self: a request
 *
 * Gets the stream.
 *
 * Returns: whether the request asks for a streamed reply
 *
 * Since: 1.0
 */
gboolean
mistral_chat_completion_request_get_stream (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), FALSE);

  return self->stream;
}

/**
 * mistral_chat_completion_request_set_streaming: (set-property stream)
 * @self: a request
 * @stream: whether to ask for a streamed reply
 *
 * Sets whether the request asks for a streamed reply (the Go client's
 * `WithStreaming` option).
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_streaming (MistralChatCompletionRequest *self,
                                               gboolean                      stream)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  stream = !!stream;
  if (self->stream == stream)
    return;

  self->stream = stream;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM]);
}

/**
 * mistral_chat_completion_request_get_response_format: (get-property response-format)
 * @self: a request
 *
 * Gets the response format.
 *
 * Returns: (nullable) (transfer none): the response format
 *
 * Since: 1.0
 */
MistralResponseFormat *
mistral_chat_completion_request_get_response_format (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);

  return self->response_format;
}

/**
 * mistral_chat_completion_request_set_response_format: (set-property response-format)
 * @self: a request
 * @format: (nullable): the response format, or %NULL to leave it out
 *
 * Sets the response format.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_response_format (MistralChatCompletionRequest *self,
                                                     MistralResponseFormat        *format)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));
  g_return_if_fail (format == NULL || MISTRAL_IS_RESPONSE_FORMAT (format));

  if (g_set_object (&self->response_format, format))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESPONSE_FORMAT]);
}

/**
 * mistral_chat_completion_request_set_response_text_format:
 * @self: a request
 *
 * Asks for free text (`{"type": "text"}`).
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_response_text_format (MistralChatCompletionRequest *self)
{
  g_autoptr(MistralResponseFormat) format = NULL;

  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  format = mistral_response_format_new_text ();
  mistral_chat_completion_request_set_response_format (self, format);
}

/**
 * mistral_chat_completion_request_set_response_json_object_format:
 * @self: a request
 *
 * Asks for a JSON object (JSON mode, `{"type": "json_object"}`). The prompt
 * should still say what the object holds.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_response_json_object_format (MistralChatCompletionRequest *self)
{
  g_autoptr(MistralResponseFormat) format = NULL;

  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  format = mistral_response_format_new_json_object ();
  mistral_chat_completion_request_set_response_format (self, format);
}

/**
 * mistral_chat_completion_request_set_response_json_schema:
 * @self: a request
 * @name: the name of the schema
 * @schema: the JSON schema the reply follows (copied)
 * @strict: whether the API enforces the schema strictly
 *
 * Asks for JSON that follows @schema (structured output).
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_response_json_schema (MistralChatCompletionRequest *self,
                                                          const char                   *name,
                                                          JsonNode                     *schema,
                                                          gboolean                      strict)
{
  g_autoptr(MistralResponseFormat) format = NULL;

  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (schema != NULL);

  format = mistral_response_format_new_json_schema (name, schema, strict);
  mistral_chat_completion_request_set_response_format (self, format);
}

/**
 * mistral_chat_completion_request_set_response_json_schema_from_string:
 * @self: a request
 * @name: the name of the schema
 * @schema: the JSON schema the reply follows, as JSON text
 * @strict: whether the API enforces the schema strictly
 * @error: return location for a #GError
 *
 * Like [method@Mistral.ChatCompletionRequest.set_response_json_schema], with
 * the schema as JSON text, for bindings.
 *
 * Returns: %TRUE on success; %FALSE with %MISTRAL_ERROR_INVALID_REQUEST if
 *   @schema is not a JSON object
 *
 * Since: 1.0
 */
gboolean
mistral_chat_completion_request_set_response_json_schema_from_string (MistralChatCompletionRequest  *self,
                                                                      const char                    *name,
                                                                      const char                    *schema,
                                                                      gboolean                       strict,
                                                                      GError                       **error)
{
  g_autoptr(MistralResponseFormat) format = NULL;

  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (schema != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = mistral_response_format_new_json_schema_from_string (name, schema, strict, error);
  if (format == NULL)
    return FALSE;

  mistral_chat_completion_request_set_response_format (self, format);
  return TRUE;
}

/**
 * mistral_chat_completion_request_get_tool_choice: (get-property tool-choice)
 * @self: a request
 *
 * Gets the tool choice.
 *
 * Returns: how the model may use the tools
 *
 * Since: 1.0
 */
MistralToolChoiceType
mistral_chat_completion_request_get_tool_choice (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), MISTRAL_TOOL_CHOICE_TYPE_AUTO);

  return g_value_get_enum (&self->options[MISTRAL_REQUEST_OPTION_TOOL_CHOICE]);
}

/**
 * mistral_chat_completion_request_set_tool_choice: (set-property tool-choice)
 * @self: a request
 * @tool_choice: how the model may use the tools
 *
 * Sets how the model may use the tools, and marks it to be sent. For
 * %MISTRAL_TOOL_CHOICE_TYPE_FUNCTION, prefer
 * [method@Mistral.ChatCompletionRequest.set_tool_choice_function].
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_tool_choice (MistralChatCompletionRequest *self,
                                                 MistralToolChoiceType         tool_choice)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));
  g_return_if_fail (tool_choice >= MISTRAL_TOOL_CHOICE_TYPE_AUTO &&
                    tool_choice <= MISTRAL_TOOL_CHOICE_TYPE_FUNCTION);

  g_value_init (&value, MISTRAL_TYPE_TOOL_CHOICE_TYPE);
  g_value_set_enum (&value, tool_choice);
  set_option (self, MISTRAL_REQUEST_OPTION_TOOL_CHOICE, &value);
}

/**
 * mistral_chat_completion_request_get_tool_choice_function: (get-property tool-choice-function)
 * @self: a request
 *
 * Gets the tool choice function.
 *
 * Returns: (nullable): the function the model must call
 *
 * Since: 1.0
 */
const char *
mistral_chat_completion_request_get_tool_choice_function (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);

  return self->tool_choice_function;
}

/**
 * mistral_chat_completion_request_set_tool_choice_function: (set-property tool-choice-function)
 * @self: a request
 * @function_name: (nullable): the function the model must call
 *
 * Forces the model to call the function @function_name: sets
 * [property@Mistral.ChatCompletionRequest:tool-choice] to
 * %MISTRAL_TOOL_CHOICE_TYPE_FUNCTION. %NULL unsets the tool choice.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_tool_choice_function (MistralChatCompletionRequest *self,
                                                          const char                   *function_name)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->tool_choice_function, function_name, PROP_TOOL_CHOICE_FUNCTION);
  if (function_name != NULL)
    mistral_chat_completion_request_set_tool_choice (self, MISTRAL_TOOL_CHOICE_TYPE_FUNCTION);
  else if (mistral_chat_completion_request_get_tool_choice (self) == MISTRAL_TOOL_CHOICE_TYPE_FUNCTION)
    set_option_flag (self, MISTRAL_REQUEST_OPTION_TOOL_CHOICE, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
check_range (MistralChatCompletionRequest  *self,
             MistralRequestOption           opt,
             double                         min,
             gboolean                       min_inclusive,
             double                         max,
             GError                       **error)
{
  const char *name = g_param_spec_get_name (properties[OPTION_VALUE_PROP (opt)]);
  GValue as_double = G_VALUE_INIT;
  double v;

  if (!self->options_set[opt])
    return TRUE;

  g_value_init (&as_double, G_TYPE_DOUBLE);
  g_value_transform (&self->options[opt], &as_double);
  v = g_value_get_double (&as_double);

  return mistral_request_check_range (name, v, min, min_inclusive, max, error);
}

/* What the API requires of the parts, checked here so that a request
 * it would refuse is never sent: a user or system message says something,
 * a tool has a name and an object schema, and so does a JSON schema
 * format. (The server answers 422 to each of these.) */
static gboolean
check_parts (MistralChatCompletionRequest  *self,
             GError                       **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->messages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralChatMessage) message = g_list_model_get_item (G_LIST_MODEL (self->messages), i);
      MistralRole role = mistral_chat_message_get_role (message);

      if ((role == MISTRAL_ROLE_USER || role == MISTRAL_ROLE_SYSTEM) &&
          mistral_chat_message_get_content (message) == NULL &&
          g_list_model_get_n_items (mistral_chat_message_get_chunks (message)) == 0)
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                       "messages[%u] has no content", i);
          return FALSE;
        }
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tools));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralTool) tool = g_list_model_get_item (G_LIST_MODEL (self->tools), i);
      const char *name = mistral_tool_get_name (tool);
      JsonNode *parameters = mistral_tool_get_parameters (tool);

      if (name == NULL || *name == '\0')
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST, "tools[%u] has no name", i);
          return FALSE;
        }
      if (parameters != NULL && !JSON_NODE_HOLDS_OBJECT (parameters))
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                       "tools[%u] (“%s”): the parameters are not a JSON object", i, name);
          return FALSE;
        }
    }

  if (self->response_format != NULL &&
      mistral_response_format_get_format_type (self->response_format) == MISTRAL_RESPONSE_FORMAT_TYPE_JSON_SCHEMA)
    {
      const char *name = mistral_response_format_get_name (self->response_format);
      JsonNode *schema = mistral_response_format_get_schema (self->response_format);

      if (name == NULL || *name == '\0')
        {
          g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                               "response-format: the JSON schema has no name");
          return FALSE;
        }
      if (schema == NULL || !JSON_NODE_HOLDS_OBJECT (schema))
        {
          g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                               "response-format: the JSON schema is not a JSON object");
          return FALSE;
        }
    }

  if (self->prompt_mode != NULL && *self->prompt_mode == '\0')
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                           "prompt-mode is empty; unset it with NULL");
      return FALSE;
    }

  return TRUE;
}

static gboolean
guardrails_ok (JsonNode *guardrails)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (guardrails))
    return FALSE;
  array = json_node_get_array (guardrails);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      return FALSE;
  return TRUE;
}

static gboolean
mistral_chat_completion_request_validate (MistralChatCompletionRequest  *self,
                                          GError                       **error)
{
  if (self->model == NULL || *self->model == '\0')
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                           "The request has no model");
      return FALSE;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->messages)) == 0)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                           "The request has no messages");
      return FALSE;
    }

  if (mistral_chat_completion_request_get_tool_choice (self) == MISTRAL_TOOL_CHOICE_TYPE_FUNCTION &&
      self->options_set[MISTRAL_REQUEST_OPTION_TOOL_CHOICE] &&
      (self->tool_choice_function == NULL || *self->tool_choice_function == '\0'))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                           "tool-choice is a function, but tool-choice-function names none");
      return FALSE;
    }

  if (!check_parts (self, error))
    return FALSE;

  if (self->metadata != NULL && !JSON_NODE_HOLDS_OBJECT (self->metadata))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                           "metadata is not a JSON object");
      return FALSE;
    }
  if (self->guardrails != NULL && !guardrails_ok (self->guardrails))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                           "guardrails is not a JSON list of objects");
      return FALSE;
    }

  return check_range (self, MISTRAL_REQUEST_OPTION_TEMPERATURE, 0.0, TRUE, 1.5, error) &&
         check_range (self, MISTRAL_REQUEST_OPTION_TOP_P, 0.0, FALSE, 1.0, error) &&
         check_range (self, MISTRAL_REQUEST_OPTION_MAX_TOKENS, 0, TRUE, G_MAXINT, error) &&
         check_range (self, MISTRAL_REQUEST_OPTION_N, 1, TRUE, G_MAXINT, error) &&
         check_range (self, MISTRAL_REQUEST_OPTION_RANDOM_SEED, 0, TRUE, (double) G_MAXINT64, error) &&
         check_range (self, MISTRAL_REQUEST_OPTION_FREQUENCY_PENALTY, -2.0, TRUE, 2.0, error) &&
         check_range (self, MISTRAL_REQUEST_OPTION_PRESENCE_PENALTY, -2.0, TRUE, 2.0, error);
}

/**
 * mistral_chat_completion_request_to_json:
 * @self: a request
 * @error: return location for a #GError
 *
 * Serialises the request into the exact JSON body that is sent, after
 * checking it against the API's rules.
 *
 * Returns: (transfer full): the JSON body, or %NULL with
 *   %MISTRAL_ERROR_INVALID_REQUEST
 *
 * Since: 1.0
 */
char *
mistral_chat_completion_request_to_json (MistralChatCompletionRequest  *self,
                                         GError                       **error)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_autoptr(GBytes) body = mistral_chat_completion_request_to_bytes (self, self->stream, error);
  gsize length;

  /* The text is nul-terminated: it came from json_to_string(). */
  return body != NULL ? g_bytes_unref_to_data (g_steal_pointer (&body), &length) : NULL;
}

/**
 * mistral_chat_completion_request_get_reasoning_effort: (get-property reasoning-effort)
 * @self: a request
 *
 * Gets how much a reasoning model thinks before it answers.
 *
 * Returns: the reasoning effort
 *
 * Since: 1.0
 */
MistralReasoningEffort
mistral_chat_completion_request_get_reasoning_effort (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), MISTRAL_REASONING_EFFORT_NONE);

  return g_value_get_enum (&self->options[MISTRAL_REQUEST_OPTION_REASONING_EFFORT]);
}

/**
 * mistral_chat_completion_request_set_reasoning_effort: (set-property reasoning-effort)
 * @self: a request
 * @reasoning_effort: the reasoning effort
 *
 * Sets how much a reasoning model thinks before it answers, and marks it
 * to be sent.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_reasoning_effort (MistralChatCompletionRequest *self,
                                                      MistralReasoningEffort        reasoning_effort)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));
  g_return_if_fail (reasoning_effort >= MISTRAL_REASONING_EFFORT_NONE &&
                    reasoning_effort <= MISTRAL_REASONING_EFFORT_XHIGH);

  g_value_init (&value, MISTRAL_TYPE_REASONING_EFFORT);
  g_value_set_enum (&value, reasoning_effort);
  set_option (self, MISTRAL_REQUEST_OPTION_REASONING_EFFORT, &value);
}

/**
 * mistral_chat_completion_request_get_prompt_cache_key: (get-property prompt-cache-key)
 * @self: a request
 *
 * Gets the prompt cache key.
 *
 * Returns: (nullable): the prompt cache key
 *
 * Since: 1.0
 */
const char *
mistral_chat_completion_request_get_prompt_cache_key (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);

  return self->prompt_cache_key;
}

/**
 * mistral_chat_completion_request_set_prompt_cache_key: (set-property prompt-cache-key)
 * @self: a request
 * @prompt_cache_key: (nullable): the key, or %NULL to leave it out
 *
 * Sets the prompt cache key.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_prompt_cache_key (MistralChatCompletionRequest *self,
                                                      const char                   *prompt_cache_key)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_string (self, &self->prompt_cache_key, prompt_cache_key, PROP_PROMPT_CACHE_KEY);
}

/**
 * mistral_chat_completion_request_get_prediction: (get-property prediction)
 * @self: a request
 *
 * Gets the predicted output.
 *
 * Returns: (nullable): the predicted output
 *
 * Since: 1.0
 */
const char *
mistral_chat_completion_request_get_prediction (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);

  return self->prediction;
}

/**
 * mistral_chat_completion_request_set_prediction: (set-property prediction)
 * @self: a request
 * @prediction: (nullable): the expected output, or %NULL to leave it out
 *
 * Sets the predicted output.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_prediction (MistralChatCompletionRequest *self,
                                                const char                   *prediction)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_string (self, &self->prediction, prediction, PROP_PREDICTION);
}

/* A JSON property: a copy is kept (a caller's node may change). */
static void
set_json (MistralChatCompletionRequest  *self,
          JsonNode                     **field,
          JsonNode                      *value,
          guint                          prop_id)
{
  if (*field == NULL && value == NULL)
    return;
  if (*field != NULL && value != NULL && json_node_equal (*field, value))
    return;

  g_clear_pointer (field, json_node_unref);
  *field = value != NULL ? json_node_copy (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/**
 * mistral_chat_completion_request_get_metadata: (get-property metadata)
 * @self: a request
 *
 * Gets the request's metadata.
 *
 * Returns: (nullable) (transfer none): the metadata, a JSON object
 *
 * Since: 1.0
 */
JsonNode *
mistral_chat_completion_request_get_metadata (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);

  return self->metadata;
}

/**
 * mistral_chat_completion_request_set_metadata: (set-property metadata)
 * @self: a request
 * @metadata: (nullable): a JSON object, or %NULL to leave it out
 *
 * Sets the request's metadata (copied). Anything but an object makes the
 * request invalid.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_metadata (MistralChatCompletionRequest *self,
                                              JsonNode                     *metadata)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_json (self, &self->metadata, metadata, PROP_METADATA);
}

/**
 * mistral_chat_completion_request_get_guardrails: (get-property guardrails)
 * @self: a request
 *
 * Gets the guardrails.
 *
 * Returns: (nullable) (transfer none): the guardrails, a JSON list
 *
 * Since: 1.0
 */
JsonNode *
mistral_chat_completion_request_get_guardrails (MistralChatCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self), NULL);

  return self->guardrails;
}

/**
 * mistral_chat_completion_request_set_guardrails: (set-property guardrails)
 * @self: a request
 * @guardrails: (nullable): a JSON list of guardrail configurations (objects),
 *   or %NULL to leave them out
 *
 * Sets the guardrails (copied). Anything but a list of objects makes the
 * request invalid.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_request_set_guardrails (MistralChatCompletionRequest *self,
                                                JsonNode                     *guardrails)
{
  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self));

  set_json (self, &self->guardrails, guardrails, PROP_GUARDRAILS);
}

/* JSON --------------------------------------------------------------------- */

static const char *
tool_choice_to_string (MistralToolChoiceType type)
{
  switch (type)
    {
    case MISTRAL_TOOL_CHOICE_TYPE_AUTO: return "auto";
    case MISTRAL_TOOL_CHOICE_TYPE_NONE: return "none";
    case MISTRAL_TOOL_CHOICE_TYPE_ANY: return "any";
    case MISTRAL_TOOL_CHOICE_TYPE_REQUIRED: return "required";
    case MISTRAL_TOOL_CHOICE_TYPE_FUNCTION:
    default: g_assert_not_reached ();
    }
}

/* The optional numbers, in the order they are written. */
static const struct {
  MistralRequestOption option;
  const char *name;
} optional_numbers[] = {
  { MISTRAL_REQUEST_OPTION_TEMPERATURE, "temperature" },
  { MISTRAL_REQUEST_OPTION_TOP_P, "top_p" },
  { MISTRAL_REQUEST_OPTION_MAX_TOKENS, "max_tokens" },
  { MISTRAL_REQUEST_OPTION_RANDOM_SEED, "random_seed" },
  { MISTRAL_REQUEST_OPTION_N, "n" },
  { MISTRAL_REQUEST_OPTION_PRESENCE_PENALTY, "presence_penalty" },
  { MISTRAL_REQUEST_OPTION_FREQUENCY_PENALTY, "frequency_penalty" },
};

static void
write_option (MistralChatCompletionRequest *self,
              MistralRequestOption          option,
              const char                   *name,
              JsonBuilder                  *builder)
{
  const GValue *value = &self->options[option];

  if (!self->options_set[option])
    return;

  json_builder_set_member_name (builder, name);
  switch (G_VALUE_TYPE (value))
    {
    case G_TYPE_DOUBLE:
      json_builder_add_double_value (builder, g_value_get_double (value));
      break;
    case G_TYPE_INT:
      json_builder_add_int_value (builder, g_value_get_int (value));
      break;
    case G_TYPE_INT64:
      json_builder_add_int_value (builder, g_value_get_int64 (value));
      break;
    case G_TYPE_BOOLEAN:
      json_builder_add_boolean_value (builder, g_value_get_boolean (value));
      break;
    default:
      {
        /* An enum: its nick is the API's word ("xhigh"). */
        GEnumClass *enum_class = g_type_class_peek (G_VALUE_TYPE (value));
        GEnumValue *enum_value = g_enum_get_value (enum_class, g_value_get_enum (value));

        json_builder_add_string_value (builder, enum_value->value_nick);
      }
      break;
    }
}

static void
write_tool_choice (MistralChatCompletionRequest *self,
                   JsonBuilder                  *builder)
{
  MistralToolChoiceType choice = mistral_chat_completion_request_get_tool_choice (self);

  json_builder_set_member_name (builder, "tool_choice");
  if (choice != MISTRAL_TOOL_CHOICE_TYPE_FUNCTION)
    {
      json_builder_add_string_value (builder, tool_choice_to_string (choice));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "function");
  json_builder_set_member_name (builder, "function");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->tool_choice_function);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
write_json (MistralChatCompletionRequest *self,
            gboolean                      stream,
            JsonBuilder                  *builder)
{
  json_builder_begin_object (builder);
  mistral_json_add_string (builder, "model", self->model);
  json_builder_set_member_name (builder, "messages");
  mistral_json_add_list (builder, G_LIST_MODEL (self->messages), (MistralJsonWriteFunc) mistral_chat_message_write_json);

  for (gsize i = 0; i < G_N_ELEMENTS (optional_numbers); i++)
    write_option (self, optional_numbers[i].option, optional_numbers[i].name, builder);

  mistral_json_add_strv (builder, "stop", (const char * const *) self->stop);

  if (stream)
    {
      json_builder_set_member_name (builder, "stream");
      json_builder_add_boolean_value (builder, TRUE);
    }

  mistral_json_add_string (builder, "prompt_mode", self->prompt_mode);

  if (self->response_format != NULL)
    {
      json_builder_set_member_name (builder, "response_format");
      mistral_response_format_write_json (self->response_format, builder);
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->tools)) > 0)
    {
      json_builder_set_member_name (builder, "tools");
      mistral_json_add_list (builder, G_LIST_MODEL (self->tools), (MistralJsonWriteFunc) mistral_tool_write_json);
    }

  if (self->options_set[MISTRAL_REQUEST_OPTION_TOOL_CHOICE])
    write_tool_choice (self, builder);
  write_option (self, MISTRAL_REQUEST_OPTION_PARALLEL_TOOL_CALLS, "parallel_tool_calls", builder);
  write_option (self, MISTRAL_REQUEST_OPTION_SAFE_PROMPT, "safe_prompt", builder);
  write_option (self, MISTRAL_REQUEST_OPTION_REASONING_EFFORT, "reasoning_effort", builder);
  mistral_json_add_string (builder, "prompt_cache_key", self->prompt_cache_key);

  if (self->prediction != NULL)
    {
      json_builder_set_member_name (builder, "prediction");
      json_builder_begin_object (builder);
      mistral_json_add_string (builder, "type", "content");
      mistral_json_add_string (builder, "content", self->prediction);
      json_builder_end_object (builder);
    }
  if (self->metadata != NULL)
    {
      json_builder_set_member_name (builder, "metadata");
      json_builder_add_value (builder, json_node_copy (self->metadata));
    }
  if (self->guardrails != NULL)
    {
      json_builder_set_member_name (builder, "guardrails");
      json_builder_add_value (builder, json_node_copy (self->guardrails));
    }

  json_builder_end_object (builder);
}

/* The body as it is sent, streamed or not (whatever the stream property
 * says), once the request passed the API's rules. */
GBytes *
mistral_chat_completion_request_to_bytes (MistralChatCompletionRequest  *self,
                                          gboolean                       stream,
                                          GError                       **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!mistral_chat_completion_request_validate (self, error))
    return NULL;

  builder = json_builder_new ();
  write_json (self, stream, builder);
  root = json_builder_get_root (builder);

  return mistral_json_to_bytes (root, error);
}
