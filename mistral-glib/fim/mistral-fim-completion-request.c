// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <math.h>

#include "mistral-error.h"
#include "mistral-fim-completion-request-private.h"
#include "mistral-json-private.h"
#include "mistral-request-private.h"

/**
 * MistralFimCompletionRequest:
 *
 * The body of a fill-in-the-middle code completion
 * (`POST /v1/fim/completions`): the code before the cursor (the prompt),
 * the code after it (the suffix), and the sampling options. The model
 * writes what goes between them.
 *
 * Each optional number has a companion `*-set` property (the GTK
 * `foreground`/`foreground-set` convention): setting the value sets it to
 * %TRUE, and while it is %FALSE the field is left out of the JSON body, so
 * the API's own default applies. [property@Mistral.FimCompletionRequest:suffix]
 * and [property@Mistral.FimCompletionRequest:stop] are left out while %NULL.
 *
 * Values are checked against the API's ranges when the request is
 * serialised ([method@Mistral.FimCompletionRequest.to_json]) or sent: a
 * request with no model, no prompt, a temperature outside 0–1.5, a top_p
 * outside (0, 1], or a negative max_tokens, min_tokens or random_seed fails
 * with %MISTRAL_ERROR_INVALID_REQUEST before anything goes on the wire.
 *
 * The reply has the chat shapes: [method@Mistral.Client.fim_completion]
 * gives a [class@Mistral.ChatCompletionResponse], and
 * [method@Mistral.Client.fim_completion_stream] a
 * [class@Mistral.ChatCompletionStream].
 *
 * ## Usage
 *
 * ```c
 * g_autoptr(MistralFimCompletionRequest) request =
 *   mistral_fim_completion_request_new ("codestral-latest",
 *                                       "def fibonacci(n):\n    ",
 *                                       "\n\nprint(fibonacci(10))\n");
 *
 * mistral_fim_completion_request_set_max_tokens (request, 64);
 * mistral_fim_completion_request_set_temperature (request, 0.0);
 * ```
 *
 * Since: 1.0
 */

struct _MistralFimCompletionRequest
{
  GObject parent_instance;

  char *model;
  char *prompt;
  char *suffix;
  GStrv stop;
  gboolean stream;

  int max_tokens;
  int min_tokens;
  double temperature;
  double top_p;
  gint64 random_seed;
  gboolean max_tokens_set;
  gboolean min_tokens_set;
  gboolean temperature_set;
  gboolean top_p_set;
  gboolean random_seed_set;
};

G_DEFINE_FINAL_TYPE (MistralFimCompletionRequest, mistral_fim_completion_request, G_TYPE_OBJECT)

/* Each option's -set flag comes right after its value. */
enum {
  PROP_0,
  PROP_MODEL,
  PROP_PROMPT,
  PROP_SUFFIX,
  PROP_STOP,
  PROP_STREAM,
  PROP_MAX_TOKENS,
  PROP_MAX_TOKENS_SET,
  PROP_MIN_TOKENS,
  PROP_MIN_TOKENS_SET,
  PROP_TEMPERATURE,
  PROP_TEMPERATURE_SET,
  PROP_TOP_P,
  PROP_TOP_P_SET,
  PROP_RANDOM_SEED,
  PROP_RANDOM_SEED_SET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_fim_completion_request_finalize (GObject *object)
{
  MistralFimCompletionRequest *self = MISTRAL_FIM_COMPLETION_REQUEST (object);

  g_free (self->model);
  g_free (self->prompt);
  g_free (self->suffix);
  g_strfreev (self->stop);

  G_OBJECT_CLASS (mistral_fim_completion_request_parent_class)->finalize (object);
}

static void
fim_request_set_string (MistralFimCompletionRequest  *self,
                        char                        **field,
                        const char                   *value,
                        int                           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
fim_request_set_flag (MistralFimCompletionRequest *self,
                      gboolean                    *flag,
                      gboolean                     value,
                      int                          prop)
{
  if (*flag == !!value)
    return;
  *flag = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Marks the option of @prop set once its value was stored; @changed says
 * whether the value itself changed. */
static void
fim_request_option_stored (MistralFimCompletionRequest *self,
                           gboolean                     changed,
                           gboolean                    *flag,
                           int                          prop)
{
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  fim_request_set_flag (self, flag, TRUE, prop + 1);
}

static void
mistral_fim_completion_request_get_property (GObject    *object,
                                             guint       prop_id,
                                             GValue     *value,
                                             GParamSpec *pspec)
{
  MistralFimCompletionRequest *self = MISTRAL_FIM_COMPLETION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;
    case PROP_SUFFIX:
      g_value_set_string (value, self->suffix);
      break;
    case PROP_STOP:
      g_value_set_boxed (value, self->stop);
      break;
    case PROP_STREAM:
      g_value_set_boolean (value, self->stream);
      break;
    case PROP_MAX_TOKENS:
      g_value_set_int (value, self->max_tokens);
      break;
    case PROP_MAX_TOKENS_SET:
      g_value_set_boolean (value, self->max_tokens_set);
      break;
    case PROP_MIN_TOKENS:
      g_value_set_int (value, self->min_tokens);
      break;
    case PROP_MIN_TOKENS_SET:
      g_value_set_boolean (value, self->min_tokens_set);
      break;
    case PROP_TEMPERATURE:
      g_value_set_double (value, self->temperature);
      break;
    case PROP_TEMPERATURE_SET:
      g_value_set_boolean (value, self->temperature_set);
      break;
    case PROP_TOP_P:
      g_value_set_double (value, self->top_p);
      break;
    case PROP_TOP_P_SET:
      g_value_set_boolean (value, self->top_p_set);
      break;
    case PROP_RANDOM_SEED:
      g_value_set_int64 (value, self->random_seed);
      break;
    case PROP_RANDOM_SEED_SET:
      g_value_set_boolean (value, self->random_seed_set);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_fim_completion_request_set_property (GObject      *object,
                                             guint         prop_id,
                                             const GValue *value,
                                             GParamSpec   *pspec)
{
  MistralFimCompletionRequest *self = MISTRAL_FIM_COMPLETION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      mistral_fim_completion_request_set_model (self, g_value_get_string (value));
      break;
    case PROP_PROMPT:
      mistral_fim_completion_request_set_prompt (self, g_value_get_string (value));
      break;
    case PROP_SUFFIX:
      mistral_fim_completion_request_set_suffix (self, g_value_get_string (value));
      break;
    case PROP_STOP:
      mistral_fim_completion_request_set_stop (self, g_value_get_boxed (value));
      break;
    case PROP_STREAM:
      mistral_fim_completion_request_set_stream (self, g_value_get_boolean (value));
      break;
    case PROP_MAX_TOKENS:
      mistral_fim_completion_request_set_max_tokens (self, g_value_get_int (value));
      break;
    case PROP_MAX_TOKENS_SET:
      fim_request_set_flag (self, &self->max_tokens_set, g_value_get_boolean (value), prop_id);
      break;
    case PROP_MIN_TOKENS:
      mistral_fim_completion_request_set_min_tokens (self, g_value_get_int (value));
      break;
    case PROP_MIN_TOKENS_SET:
      fim_request_set_flag (self, &self->min_tokens_set, g_value_get_boolean (value), prop_id);
      break;
    case PROP_TEMPERATURE:
      mistral_fim_completion_request_set_temperature (self, g_value_get_double (value));
      break;
    case PROP_TEMPERATURE_SET:
      fim_request_set_flag (self, &self->temperature_set, g_value_get_boolean (value), prop_id);
      break;
    case PROP_TOP_P:
      mistral_fim_completion_request_set_top_p (self, g_value_get_double (value));
      break;
    case PROP_TOP_P_SET:
      fim_request_set_flag (self, &self->top_p_set, g_value_get_boolean (value), prop_id);
      break;
    case PROP_RANDOM_SEED:
      mistral_fim_completion_request_set_random_seed (self, g_value_get_int64 (value));
      break;
    case PROP_RANDOM_SEED_SET:
      fim_request_set_flag (self, &self->random_seed_set, g_value_get_boolean (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
mistral_fim_completion_request_class_init (MistralFimCompletionRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_fim_completion_request_finalize;
  object_class->get_property = mistral_fim_completion_request_get_property;
  object_class->set_property = mistral_fim_completion_request_set_property;

  /**
   * MistralFimCompletionRequest:model:
   *
   * The code model, such as `codestral-latest`.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:prompt:
   *
   * The text or code to complete: what stands before the cursor.
   *
   * Since: 1.0
   */
  properties[PROP_PROMPT] = g_param_spec_string ("prompt", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:suffix:
   *
   * What stands after the cursor: given a prompt and a suffix, the model
   * fills what goes between them. %NULL leaves it out, and the model
   * simply continues the prompt.
   *
   * Since: 1.0
   */
  properties[PROP_SUFFIX] = g_param_spec_string ("suffix", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:stop:
   *
   * Texts at which the model stops; they are not included in the output.
   * %NULL leaves them out.
   *
   * Since: 1.0
   */
  properties[PROP_STOP] = g_param_spec_boxed ("stop", NULL, NULL, G_TYPE_STRV, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:stream:
   *
   * Whether [method@Mistral.FimCompletionRequest.to_json] asks for a
   * streamed reply. [method@Mistral.Client.fim_completion] and
   * [method@Mistral.Client.fim_completion_stream] set the field
   * themselves, so one request can be used with both.
   *
   * Since: 1.0
   */
  properties[PROP_STREAM] = g_param_spec_boolean ("stream", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:max-tokens:
   *
   * The most tokens the completion may have (the API's `max_tokens`, at
   * least 0).
   *
   * Since: 1.0
   */
  properties[PROP_MAX_TOKENS] = g_param_spec_int ("max-tokens", NULL, NULL, G_MININT, G_MAXINT, 0, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:max-tokens-set:
   *
   * Whether [property@Mistral.FimCompletionRequest:max-tokens] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_MAX_TOKENS_SET] = g_param_spec_boolean ("max-tokens-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:min-tokens:
   *
   * The fewest tokens the completion may have (the API's `min_tokens`, at
   * least 0).
   *
   * Since: 1.0
   */
  properties[PROP_MIN_TOKENS] = g_param_spec_int ("min-tokens", NULL, NULL, G_MININT, G_MAXINT, 0, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:min-tokens-set:
   *
   * Whether [property@Mistral.FimCompletionRequest:min-tokens] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_MIN_TOKENS_SET] = g_param_spec_boolean ("min-tokens-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:temperature:
   *
   * The sampling temperature, from 0 to 1.5. Change this or
   * [property@Mistral.FimCompletionRequest:top-p], not both.
   *
   * Since: 1.0
   */
  properties[PROP_TEMPERATURE] =
    g_param_spec_double ("temperature", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.7, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:temperature-set:
   *
   * Whether [property@Mistral.FimCompletionRequest:temperature] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_TEMPERATURE_SET] = g_param_spec_boolean ("temperature-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:top-p:
   *
   * Nucleus sampling: the probability mass of the tokens considered,
   * greater than 0 and at most 1.
   *
   * Since: 1.0
   */
  properties[PROP_TOP_P] = g_param_spec_double ("top-p", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1.0, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:top-p-set:
   *
   * Whether [property@Mistral.FimCompletionRequest:top-p] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_TOP_P_SET] = g_param_spec_boolean ("top-p-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:random-seed:
   *
   * The seed of the sampler, which makes completions repeatable (at
   * least 0).
   *
   * Since: 1.0
   */
  properties[PROP_RANDOM_SEED] =
    g_param_spec_int64 ("random-seed", NULL, NULL, G_MININT64, G_MAXINT64, 0, RW_FLAGS);

  /**
   * MistralFimCompletionRequest:random-seed-set:
   *
   * Whether [property@Mistral.FimCompletionRequest:random-seed] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_RANDOM_SEED_SET] = g_param_spec_boolean ("random-seed-set", NULL, NULL, FALSE, RW_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_fim_completion_request_init (MistralFimCompletionRequest *self)
{
  self->temperature = 0.7;
  self->top_p = 1.0;
}

/**
 * mistral_fim_completion_request_new:
 * @model: the code model, such as `codestral-latest`
 * @prompt: the code before the cursor
 * @suffix: (nullable): the code after the cursor, or %NULL
 *
 * Creates a request to fill in the code between @prompt and @suffix.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 1.0
 */
MistralFimCompletionRequest *
mistral_fim_completion_request_new (const char *model,
                                    const char *prompt,
                                    const char *suffix)
{
  return g_object_new (MISTRAL_TYPE_FIM_COMPLETION_REQUEST,
                       "model", model, "prompt", prompt, "suffix", suffix, NULL);
}

/**
 * mistral_fim_completion_request_get_model: (get-property model)
 * @self: a request
 *
 * Gets the model.
 *
 * Returns: (nullable): the model
 *
 * Since: 1.0
 */
const char *
mistral_fim_completion_request_get_model (MistralFimCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self), NULL);

  return self->model;
}

/**
 * mistral_fim_completion_request_set_model: (set-property model)
 * @self: a request
 * @model: (nullable): the model
 *
 * Sets the model.
 *
 * Since: 1.0
 */
void
mistral_fim_completion_request_set_model (MistralFimCompletionRequest *self,
                                          const char                  *model)
{
  g_return_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self));

  fim_request_set_string (self, &self->model, model, PROP_MODEL);
}

/**
 * mistral_fim_completion_request_get_prompt: (get-property prompt)
 * @self: a request
 *
 * Gets the prompt.
 *
 * Returns: (nullable): the code before the cursor
 *
 * Since: 1.0
 */
const char *
mistral_fim_completion_request_get_prompt (MistralFimCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self), NULL);

  return self->prompt;
}

/**
 * mistral_fim_completion_request_set_prompt: (set-property prompt)
 * @self: a request
 * @prompt: (nullable): the code before the cursor
 *
 * Sets the prompt.
 *
 * Since: 1.0
 */
void
mistral_fim_completion_request_set_prompt (MistralFimCompletionRequest *self,
                                           const char                  *prompt)
{
  g_return_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self));

  fim_request_set_string (self, &self->prompt, prompt, PROP_PROMPT);
}

/**
 * mistral_fim_completion_request_get_suffix: (get-property suffix)
 * @self: a request
 *
 * Gets the suffix.
 *
 * Returns: (nullable): the code after the cursor
 *
 * Since: 1.0
 */
const char *
mistral_fim_completion_request_get_suffix (MistralFimCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self), NULL);

  return self->suffix;
}

/**
 * mistral_fim_completion_request_set_suffix: (set-property suffix)
 * @self: a request
 * @suffix: (nullable): the code after the cursor, or %NULL to leave it out
 *
 * Sets the suffix.
 *
 * Since: 1.0
 */
void
mistral_fim_completion_request_set_suffix (MistralFimCompletionRequest *self,
                                           const char                  *suffix)
{
  g_return_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self));

  fim_request_set_string (self, &self->suffix, suffix, PROP_SUFFIX);
}

/**
 * mistral_fim_completion_request_get_max_tokens: (get-property max-tokens)
 * @self: a request
 *
 * Gets the most tokens of the completion.
 *
 * Returns: the most tokens (see [property@Mistral.FimCompletionRequest:max-tokens-set])
 *
 * Since: 1.0
 */
int
mistral_fim_completion_request_get_max_tokens (MistralFimCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self), 0);

  return self->max_tokens;
}

/**
 * mistral_fim_completion_request_set_max_tokens: (set-property max-tokens)
 * @self: a request
 * @max_tokens: the most tokens of the completion, at least 0
 *
 * Sets the most tokens of the completion, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_fim_completion_request_set_max_tokens (MistralFimCompletionRequest *self,
                                               int                          max_tokens)
{
  gboolean changed;

  g_return_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self));

  changed = self->max_tokens != max_tokens;
  self->max_tokens = max_tokens;
  fim_request_option_stored (self, changed, &self->max_tokens_set, PROP_MAX_TOKENS);
}

/**
 * mistral_fim_completion_request_get_min_tokens: (get-property min-tokens)
 * @self: a request
 *
 * Gets the fewest tokens of the completion.
 *
 * Returns: the fewest tokens (see [property@Mistral.FimCompletionRequest:min-tokens-set])
 *
 * Since: 1.0
 */
int
mistral_fim_completion_request_get_min_tokens (MistralFimCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self), 0);

  return self->min_tokens;
}

/**
 * mistral_fim_completion_request_set_min_tokens: (set-property min-tokens)
 * @self: a request
 * @min_tokens: the fewest tokens of the completion, at least 0
 *
 * Sets the fewest tokens of the completion, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_fim_completion_request_set_min_tokens (MistralFimCompletionRequest *self,
                                               int                          min_tokens)
{
  gboolean changed;

  g_return_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self));

  changed = self->min_tokens != min_tokens;
  self->min_tokens = min_tokens;
  fim_request_option_stored (self, changed, &self->min_tokens_set, PROP_MIN_TOKENS);
}

/**
 * mistral_fim_completion_request_get_temperature: (get-property temperature)
 * @self: a request
 *
 * Gets the temperature.
 *
 * Returns: the temperature (see [property@Mistral.FimCompletionRequest:temperature-set])
 *
 * Since: 1.0
 */
double
mistral_fim_completion_request_get_temperature (MistralFimCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self), 0.0);

  return self->temperature;
}

/**
 * mistral_fim_completion_request_set_temperature: (set-property temperature)
 * @self: a request
 * @temperature: the temperature, from 0 to 1.5
 *
 * Sets the temperature, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_fim_completion_request_set_temperature (MistralFimCompletionRequest *self,
                                                double                       temperature)
{
  gboolean changed;

  g_return_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self));

  /* NaN is kept (and notified), so that validation can report it. */
  changed = self->temperature != temperature;
  self->temperature = temperature;
  fim_request_option_stored (self, changed, &self->temperature_set, PROP_TEMPERATURE);
}

/**
 * mistral_fim_completion_request_get_top_p: (get-property top-p)
 * @self: a request
 *
 * Gets the top_p.
 *
 * Returns: the probability mass (see [property@Mistral.FimCompletionRequest:top-p-set])
 *
 * Since: 1.0
 */
double
mistral_fim_completion_request_get_top_p (MistralFimCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self), 0.0);

  return self->top_p;
}

/**
 * mistral_fim_completion_request_set_top_p: (set-property top-p)
 * @self: a request
 * @top_p: the probability mass, greater than 0 and at most 1
 *
 * Sets the top_p, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_fim_completion_request_set_top_p (MistralFimCompletionRequest *self,
                                          double                       top_p)
{
  gboolean changed;

  g_return_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self));

  changed = self->top_p != top_p;
  self->top_p = top_p;
  fim_request_option_stored (self, changed, &self->top_p_set, PROP_TOP_P);
}

/**
 * mistral_fim_completion_request_get_random_seed: (get-property random-seed)
 * @self: a request
 *
 * Gets the random seed.
 *
 * Returns: the seed of the sampler (see [property@Mistral.FimCompletionRequest:random-seed-set])
 *
 * Since: 1.0
 */
gint64
mistral_fim_completion_request_get_random_seed (MistralFimCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self), 0);

  return self->random_seed;
}

/**
 * mistral_fim_completion_request_set_random_seed: (set-property random-seed)
 * @self: a request
 * @random_seed: the seed, at least 0
 *
 * Sets the seed of the sampler, and marks it to be sent.
 *
 * Since: 1.0
 */
void
mistral_fim_completion_request_set_random_seed (MistralFimCompletionRequest *self,
                                                gint64                       random_seed)
{
  gboolean changed;

  g_return_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self));

  changed = self->random_seed != random_seed;
  self->random_seed = random_seed;
  fim_request_option_stored (self, changed, &self->random_seed_set, PROP_RANDOM_SEED);
}

/**
 * mistral_fim_completion_request_get_stop: (get-property stop)
 * @self: a request
 *
 * Gets the stop texts.
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the stop texts
 *
 * Since: 1.0
 */
const char * const *
mistral_fim_completion_request_get_stop (MistralFimCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self), NULL);

  return (const char * const *) self->stop;
}

/**
 * mistral_fim_completion_request_set_stop: (set-property stop)
 * @self: a request
 * @stop: (nullable) (array zero-terminated=1): the stop texts, or %NULL to leave them out
 *
 * Sets the texts at which the model stops. They are sent as a list.
 *
 * Since: 1.0
 */
void
mistral_fim_completion_request_set_stop (MistralFimCompletionRequest *self,
                                         const char * const          *stop)
{
  g_return_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self));

  if (mistral_request_replace_strv (&self->stop, stop))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOP]);
}

/**
 * mistral_fim_completion_request_get_stream: (get-property stream)
 * @self: a request
 *
 * Gets whether [method@Mistral.FimCompletionRequest.to_json] asks for a
 * streamed reply.
 *
 * Returns: whether the body asks for a stream
 *
 * Since: 1.0
 */
gboolean
mistral_fim_completion_request_get_stream (MistralFimCompletionRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self), FALSE);

  return self->stream;
}

/**
 * mistral_fim_completion_request_set_stream: (set-property stream)
 * @self: a request
 * @stream: whether the body asks for a stream
 *
 * Sets whether [method@Mistral.FimCompletionRequest.to_json] asks for a
 * streamed reply.
 *
 * Since: 1.0
 */
void
mistral_fim_completion_request_set_stream (MistralFimCompletionRequest *self,
                                           gboolean                     stream)
{
  g_return_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self));

  fim_request_set_flag (self, &self->stream, stream, PROP_STREAM);
}

static gboolean
fim_request_check_range (gboolean     is_set,
                         double       value,
                         const char  *name,
                         double       min,
                         gboolean     min_inclusive,
                         double       max,
                         GError     **error)
{
  return !is_set || mistral_request_check_range (name, value, min, min_inclusive, max, error);
}

static gboolean
fim_request_validate (MistralFimCompletionRequest  *self,
                      GError                      **error)
{
  if (self->model == NULL || *self->model == '\0')
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST, "The request has no model");
      return FALSE;
    }
  if (self->prompt == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST, "The request has no prompt");
      return FALSE;
    }

  return fim_request_check_range (self->temperature_set, self->temperature, "temperature", 0.0, TRUE, 1.5, error) &&
         fim_request_check_range (self->top_p_set, self->top_p, "top-p", 0.0, FALSE, 1.0, error) &&
         fim_request_check_range (self->max_tokens_set, self->max_tokens, "max-tokens", 0, TRUE, G_MAXINT, error) &&
         fim_request_check_range (self->min_tokens_set, self->min_tokens, "min-tokens", 0, TRUE, G_MAXINT, error) &&
         fim_request_check_range (self->random_seed_set, (double) self->random_seed, "random-seed",
                                  0, TRUE, (double) G_MAXINT64, error);
}

static void
fim_request_add_int (JsonBuilder *builder,
                     gboolean     is_set,
                     const char  *member,
                     gint64       value)
{
  if (!is_set)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
fim_request_add_double (JsonBuilder *builder,
                        gboolean     is_set,
                        const char  *member,
                        double       value)
{
  if (!is_set)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, value);
}

static void
fim_request_write_json (MistralFimCompletionRequest *self,
                        gboolean                     stream,
                        JsonBuilder                 *builder)
{
  json_builder_begin_object (builder);
  mistral_json_add_string (builder, "model", self->model);
  mistral_json_add_string (builder, "prompt", self->prompt);
  mistral_json_add_string (builder, "suffix", self->suffix);
  fim_request_add_double (builder, self->temperature_set, "temperature", self->temperature);
  fim_request_add_double (builder, self->top_p_set, "top_p", self->top_p);
  fim_request_add_int (builder, self->max_tokens_set, "max_tokens", self->max_tokens);
  fim_request_add_int (builder, self->min_tokens_set, "min_tokens", self->min_tokens);
  if (stream)
    {
      json_builder_set_member_name (builder, "stream");
      json_builder_add_boolean_value (builder, TRUE);
    }
  mistral_json_add_strv (builder, "stop", (const char * const *) self->stop);
  fim_request_add_int (builder, self->random_seed_set, "random_seed", self->random_seed);
  json_builder_end_object (builder);
}

GBytes *
mistral_fim_completion_request_to_bytes (MistralFimCompletionRequest  *self,
                                         gboolean                      stream,
                                         GError                      **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!fim_request_validate (self, error))
    return NULL;

  builder = json_builder_new ();
  fim_request_write_json (self, stream, builder);
  root = json_builder_get_root (builder);

  return mistral_json_to_bytes (root, error);
}

/**
 * mistral_fim_completion_request_to_json:
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
mistral_fim_completion_request_to_json (MistralFimCompletionRequest  *self,
                                        GError                      **error)
{
  g_autoptr(GBytes) body = NULL;
  gsize length;

  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  body = mistral_fim_completion_request_to_bytes (self, self->stream, error);
  /* The text is nul-terminated: it came from json_to_string(). */
  return body != NULL ? g_bytes_unref_to_data (g_steal_pointer (&body), &length) : NULL;
}
