// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-usage-info.h"
#include "mistral-json-private.h"
#include "mistral-usage-info-private.h"

/**
 * MistralUsageInfo:
 *
 * The tokens (and seconds of audio) that a request used, as the API counts
 * them for billing.
 *
 * Usage info is immutable. It comes in
 * [property@Mistral.ChatCompletionResponse:usage], and in the last chunk
 * of a stream.
 *
 * ## Usage
 *
 * ```c
 * MistralUsageInfo *usage = mistral_chat_completion_response_get_usage (response);
 *
 * if (usage != NULL)
 *   g_print ("%u tokens\n", mistral_usage_info_get_total_tokens (usage));
 * ```
 *
 * Since: 1.0
 */

struct _MistralUsageInfo
{
  GObject parent_instance;

  guint prompt_tokens;
  guint completion_tokens;
  guint total_tokens;
  guint prompt_audio_seconds;
};

G_DEFINE_FINAL_TYPE (MistralUsageInfo, mistral_usage_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROMPT_TOKENS,
  PROP_COMPLETION_TOKENS,
  PROP_TOTAL_TOKENS,
  PROP_PROMPT_AUDIO_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_usage_info_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MistralUsageInfo *self = MISTRAL_USAGE_INFO (object);

  switch (prop_id)
    {
    case PROP_PROMPT_TOKENS:
      g_value_set_uint (value, self->prompt_tokens);
      break;
    case PROP_COMPLETION_TOKENS:
      g_value_set_uint (value, self->completion_tokens);
      break;
    case PROP_TOTAL_TOKENS:
      g_value_set_uint (value, self->total_tokens);
      break;
    case PROP_PROMPT_AUDIO_SECONDS:
      g_value_set_uint (value, self->prompt_audio_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_usage_info_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MistralUsageInfo *self = MISTRAL_USAGE_INFO (object);

  switch (prop_id)
    {
    case PROP_PROMPT_TOKENS:
      self->prompt_tokens = g_value_get_uint (value);
      break;
    case PROP_COMPLETION_TOKENS:
      self->completion_tokens = g_value_get_uint (value);
      break;
    case PROP_TOTAL_TOKENS:
      self->total_tokens = g_value_get_uint (value);
      break;
    case PROP_PROMPT_AUDIO_SECONDS:
      self->prompt_audio_seconds = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_usage_info_class_init (MistralUsageInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mistral_usage_info_get_property;
  object_class->set_property = mistral_usage_info_set_property;

  /**
   * MistralUsageInfo:prompt-tokens: (getter get_prompt_tokens)
   *
   * The number of tokens of the prompt (the messages of the request).
   *
   * Since: 1.0
   */
  properties[PROP_PROMPT_TOKENS] =
    g_param_spec_uint ("prompt-tokens", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralUsageInfo:completion-tokens: (getter get_completion_tokens)
   *
   * The number of tokens the model produced.
   *
   * Since: 1.0
   */
  properties[PROP_COMPLETION_TOKENS] =
    g_param_spec_uint ("completion-tokens", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralUsageInfo:total-tokens: (getter get_total_tokens)
   *
   * The number of tokens of the prompt and of the completion together.
   *
   * Since: 1.0
   */
  properties[PROP_TOTAL_TOKENS] =
    g_param_spec_uint ("total-tokens", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralUsageInfo:prompt-audio-seconds: (getter get_prompt_audio_seconds)
   *
   * The number of seconds of audio in the prompt, or 0.
   *
   * Since: 1.0
   */
  properties[PROP_PROMPT_AUDIO_SECONDS] =
    g_param_spec_uint ("prompt-audio-seconds", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_usage_info_init (MistralUsageInfo *self)
{
}

/**
 * mistral_usage_info_new:
 * @prompt_tokens: the number of tokens of the prompt
 * @completion_tokens: the number of tokens the model produced
 * @total_tokens: the number of tokens in all
 *
 * Creates usage info, for instance to build a response in a test.
 *
 * Returns: (transfer full): a new [class@Mistral.UsageInfo]
 *
 * Since: 1.0
 */
MistralUsageInfo *
mistral_usage_info_new (guint prompt_tokens,
                        guint completion_tokens,
                        guint total_tokens)
{
  return g_object_new (MISTRAL_TYPE_USAGE_INFO,
                       "prompt-tokens", prompt_tokens,
                       "completion-tokens", completion_tokens,
                       "total-tokens", total_tokens,
                       NULL);
}

/**
 * mistral_usage_info_get_prompt_tokens: (get-property prompt-tokens)
 * @self: usage info
 *
 * Gets the number of tokens of the prompt.
 *
 * Returns: the number of prompt tokens
 *
 * Since: 1.0
 */
guint
mistral_usage_info_get_prompt_tokens (MistralUsageInfo *self)
{
  g_return_val_if_fail (MISTRAL_IS_USAGE_INFO (self), 0);

  return self->prompt_tokens;
}

/**
 * mistral_usage_info_get_completion_tokens: (get-property completion-tokens)
 * @self: usage info
 *
 * Gets the number of tokens the model produced.
 *
 * Returns: the number of completion tokens
 *
 * Since: 1.0
 */
guint
mistral_usage_info_get_completion_tokens (MistralUsageInfo *self)
{
  g_return_val_if_fail (MISTRAL_IS_USAGE_INFO (self), 0);

  return self->completion_tokens;
}

/**
 * mistral_usage_info_get_total_tokens: (get-property total-tokens)
 * @self: usage info
 *
 * Gets the number of tokens of the prompt and of the completion together.
 *
 * Returns: the total number of tokens
 *
 * Since: 1.0
 */
guint
mistral_usage_info_get_total_tokens (MistralUsageInfo *self)
{
  g_return_val_if_fail (MISTRAL_IS_USAGE_INFO (self), 0);

  return self->total_tokens;
}

/**
 * mistral_usage_info_get_prompt_audio_seconds: (get-property prompt-audio-seconds)
 * @self: usage info
 *
 * Gets the number of seconds of audio in the prompt.
 *
 * Returns: the seconds of audio, or 0
 *
 * Since: 1.0
 */
guint
mistral_usage_info_get_prompt_audio_seconds (MistralUsageInfo *self)
{
  g_return_val_if_fail (MISTRAL_IS_USAGE_INFO (self), 0);

  return self->prompt_audio_seconds;
}

/* JSON --------------------------------------------------------------------- */

MistralUsageInfo *
mistral_usage_info_new_from_json_object (JsonObject  *object,
                                         const char  *path,
                                         GError     **error)
{
  guint prompt = 0, completion = 0, total = 0, audio = 0;

  if (!mistral_json_read_member (object, "prompt_tokens", path, MISTRAL_JSON_UINT, &prompt, error) ||
      !mistral_json_read_member (object, "completion_tokens", path, MISTRAL_JSON_UINT, &completion, error) ||
      !mistral_json_read_member (object, "total_tokens", path, MISTRAL_JSON_UINT, &total, error) ||
      !mistral_json_read_member (object, "prompt_audio_seconds", path, MISTRAL_JSON_UINT, &audio, error))
    return NULL;

  return g_object_new (MISTRAL_TYPE_USAGE_INFO,
                       "prompt-tokens", prompt,
                       "completion-tokens", completion,
                       "total-tokens", total,
                       "prompt-audio-seconds", audio,
                       NULL);
}
