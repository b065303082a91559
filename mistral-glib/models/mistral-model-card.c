// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-enum-types.h"
#include "mistral-json-private.h"
#include "mistral-model-card-private.h"

/**
 * MistralModelCard:
 *
 * What the API says of one model: its id and names, what it can do
 * ([property@Mistral.ModelCard:capabilities]), its context length, and
 * whether it is deprecated.
 *
 * Cards are immutable. They come from [method@Mistral.Client.list_models],
 * [method@Mistral.Client.get_model], [method@Mistral.Client.search_models]
 * and [class@Mistral.ModelList].
 *
 * A base model's card has the [property@Mistral.ModelCard:model-type]
 * "base"; a fine-tuned model's card has "fine-tuned", and also names its
 * fine-tuning job and the model it was tuned from.
 *
 * ## Usage
 *
 * ```c
 * if (mistral_model_card_has_capabilities (card, MISTRAL_MODEL_CAPABILITIES_COMPLETION_CHAT |
 *                                                MISTRAL_MODEL_CAPABILITIES_VISION))
 *   g_print ("%s reads images\n", mistral_model_card_get_id (card));
 * ```
 *
 * Since: 1.0
 */

struct _MistralModelCard
{
  GObject parent_instance;

  char *id;
  char *name;
  char *description;
  char *owned_by;
  GDateTime *created;
  char *model_type;
  guint max_context_length;
  GStrv aliases;
  GDateTime *deprecation;
  char *deprecation_replacement_model;
  double default_model_temperature;
  gboolean default_model_temperature_set;
  MistralModelCapabilities capabilities;
  char *job;
  char *root;
  gboolean archived;
};

G_DEFINE_FINAL_TYPE (MistralModelCard, mistral_model_card, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_OWNED_BY,
  PROP_CREATED,
  PROP_MODEL_TYPE,
  PROP_MAX_CONTEXT_LENGTH,
  PROP_ALIASES,
  PROP_DEPRECATION,
  PROP_DEPRECATION_REPLACEMENT_MODEL,
  PROP_DEFAULT_MODEL_TEMPERATURE,
  PROP_DEFAULT_MODEL_TEMPERATURE_SET,
  PROP_CAPABILITIES,
  PROP_JOB,
  PROP_ROOT,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The API's default, for a card that does not say. */
#define DEFAULT_MAX_CONTEXT_LENGTH 32768

#define READ_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
mistral_model_card_finalize (GObject *object)
{
  MistralModelCard *self = MISTRAL_MODEL_CARD (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->owned_by);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->model_type);
  g_strfreev (self->aliases);
  g_clear_pointer (&self->deprecation, g_date_time_unref);
  g_free (self->deprecation_replacement_model);
  g_free (self->job);
  g_free (self->root);

  G_OBJECT_CLASS (mistral_model_card_parent_class)->finalize (object);
}

static void
mistral_model_card_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MistralModelCard *self = MISTRAL_MODEL_CARD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_OWNED_BY:
      g_value_set_string (value, self->owned_by);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_MODEL_TYPE:
      g_value_set_string (value, self->model_type);
      break;
    case PROP_MAX_CONTEXT_LENGTH:
      g_value_set_uint (value, self->max_context_length);
      break;
    case PROP_ALIASES:
      g_value_set_boxed (value, self->aliases);
      break;
    case PROP_DEPRECATION:
      g_value_set_boxed (value, self->deprecation);
      break;
    case PROP_DEPRECATION_REPLACEMENT_MODEL:
      g_value_set_string (value, self->deprecation_replacement_model);
      break;
    case PROP_DEFAULT_MODEL_TEMPERATURE:
      g_value_set_double (value, self->default_model_temperature);
      break;
    case PROP_DEFAULT_MODEL_TEMPERATURE_SET:
      g_value_set_boolean (value, self->default_model_temperature_set);
      break;
    case PROP_CAPABILITIES:
      g_value_set_flags (value, self->capabilities);
      break;
    case PROP_JOB:
      g_value_set_string (value, self->job);
      break;
    case PROP_ROOT:
      g_value_set_string (value, self->root);
      break;
    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_model_card_class_init (MistralModelCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_model_card_finalize;
  object_class->get_property = mistral_model_card_get_property;

  /**
   * MistralModelCard:id: (getter get_id)
   *
   * The model's id, the name a request gives as its model.
   *
   * Since: 1.0
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralModelCard:name: (getter get_name)
   *
   * The model's name, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralModelCard:description: (getter get_description)
   *
   * A description of the model, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralModelCard:owned-by: (getter get_owned_by)
   *
   * Who owns the model: "mistralai", or the organisation that fine-tuned
   * it; %NULL when the card does not say.
   *
   * Since: 1.0
   */
  properties[PROP_OWNED_BY] = g_param_spec_string ("owned-by", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralModelCard:created: (getter get_created)
   *
   * When the model was created, in UTC, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, READ_FLAGS);

  /**
   * MistralModelCard:model-type: (getter get_model_type)
   *
   * "base" for a model of Mistral's, "fine-tuned" for a fine-tuned one,
   * or another type the API may add.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL_TYPE] = g_param_spec_string ("model-type", NULL, NULL, "base", READ_FLAGS);

  /**
   * MistralModelCard:max-context-length: (getter get_max_context_length)
   *
   * The largest number of tokens a request and its reply may hold; the
   * API's default, 32768, when the card does not say.
   *
   * Since: 1.0
   */
  properties[PROP_MAX_CONTEXT_LENGTH] =
    g_param_spec_uint ("max-context-length", NULL, NULL, 0, G_MAXUINT, DEFAULT_MAX_CONTEXT_LENGTH, READ_FLAGS);

  /**
   * MistralModelCard:aliases: (getter get_aliases)
   *
   * Other ids of the model, such as "mistral-small-latest" for a dated
   * one; empty when it has none.
   *
   * Since: 1.0
   */
  properties[PROP_ALIASES] = g_param_spec_boxed ("aliases", NULL, NULL, G_TYPE_STRV, READ_FLAGS);

  /**
   * MistralModelCard:deprecation: (getter get_deprecation)
   *
   * When the model is retired, or %NULL if it is not deprecated.
   *
   * Since: 1.0
   */
  properties[PROP_DEPRECATION] = g_param_spec_boxed ("deprecation", NULL, NULL, G_TYPE_DATE_TIME, READ_FLAGS);

  /**
   * MistralModelCard:deprecation-replacement-model: (getter get_deprecation_replacement_model)
   *
   * The model to use instead of a deprecated one, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_DEPRECATION_REPLACEMENT_MODEL] =
    g_param_spec_string ("deprecation-replacement-model", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralModelCard:default-model-temperature: (getter get_default_model_temperature)
   *
   * The temperature the model uses when a request gives none; only
   * meaningful when [property@Mistral.ModelCard:default-model-temperature-set]
   * is %TRUE.
   *
   * Since: 1.0
   */
  properties[PROP_DEFAULT_MODEL_TEMPERATURE] =
    g_param_spec_double ("default-model-temperature", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, READ_FLAGS);

  /**
   * MistralModelCard:default-model-temperature-set: (getter get_default_model_temperature_set)
   *
   * Whether the card gives a default temperature.
   *
   * Since: 1.0
   */
  properties[PROP_DEFAULT_MODEL_TEMPERATURE_SET] =
    g_param_spec_boolean ("default-model-temperature-set", NULL, NULL, FALSE, READ_FLAGS);

  /**
   * MistralModelCard:capabilities: (getter get_capabilities)
   *
   * What the model can do. A capability the card does not name is
   * taken as absent.
   *
   * Since: 1.0
   */
  properties[PROP_CAPABILITIES] =
    g_param_spec_flags ("capabilities", NULL, NULL, MISTRAL_TYPE_MODEL_CAPABILITIES,
                        MISTRAL_MODEL_CAPABILITIES_NONE, READ_FLAGS);

  /**
   * MistralModelCard:job: (getter get_job)
   *
   * The fine-tuning job that made a fine-tuned model, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_JOB] = g_param_spec_string ("job", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralModelCard:root: (getter get_root)
   *
   * The model a fine-tuned model was tuned from, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_ROOT] = g_param_spec_string ("root", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralModelCard:archived: (getter get_archived)
   *
   * Whether a fine-tuned model is archived.
   *
   * Since: 1.0
   */
  properties[PROP_ARCHIVED] = g_param_spec_boolean ("archived", NULL, NULL, FALSE, READ_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_model_card_init (MistralModelCard *self)
{
  self->model_type = g_strdup ("base");
  self->max_context_length = DEFAULT_MAX_CONTEXT_LENGTH;
  self->aliases = g_new0 (char *, 1);
}

/**
 * mistral_model_card_get_id: (get-property id)
 * @self: a model card
 *
 * Gets the model's id.
 *
 * Returns: (nullable): the id
 *
 * Since: 1.0
 */
const char *
mistral_model_card_get_id (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), NULL);

  return self->id;
}

/**
 * mistral_model_card_get_name: (get-property name)
 * @self: a model card
 *
 * Gets the model's name.
 *
 * Returns: (nullable): the name
 *
 * Since: 1.0
 */
const char *
mistral_model_card_get_name (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), NULL);

  return self->name;
}

/**
 * mistral_model_card_get_description: (get-property description)
 * @self: a model card
 *
 * Gets the model's description.
 *
 * Returns: (nullable): the description
 *
 * Since: 1.0
 */
const char *
mistral_model_card_get_description (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), NULL);

  return self->description;
}

/**
 * mistral_model_card_get_owned_by: (get-property owned-by)
 * @self: a model card
 *
 * Gets who owns the model.
 *
 * Returns: (nullable): the owner
 *
 * Since: 1.0
 */
const char *
mistral_model_card_get_owned_by (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), NULL);

  return self->owned_by;
}

/**
 * mistral_model_card_get_created: (get-property created)
 * @self: a model card
 *
 * Gets when the model was created.
 *
 * Returns: (nullable) (transfer none): when the model was created, in UTC
 *
 * Since: 1.0
 */
GDateTime *
mistral_model_card_get_created (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), NULL);

  return self->created;
}

/**
 * mistral_model_card_get_model_type: (get-property model-type)
 * @self: a model card
 *
 * Gets the type of the model: "base" or "fine-tuned".
 *
 * Returns: the type
 *
 * Since: 1.0
 */
const char *
mistral_model_card_get_model_type (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), NULL);

  return self->model_type;
}

/**
 * mistral_model_card_get_max_context_length: (get-property max-context-length)
 * @self: a model card
 *
 * Gets the model's context length, in tokens.
 *
 * Returns: the context length
 *
 * Since: 1.0
 */
guint
mistral_model_card_get_max_context_length (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), 0);

  return self->max_context_length;
}

/**
 * mistral_model_card_get_aliases: (get-property aliases)
 * @self: a model card
 *
 * Gets the other ids of the model.
 *
 * Returns: (transfer none) (array zero-terminated=1): the aliases, maybe none
 *
 * Since: 1.0
 */
const char * const *
mistral_model_card_get_aliases (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), NULL);

  return (const char * const *) self->aliases;
}

/**
 * mistral_model_card_get_deprecation: (get-property deprecation)
 * @self: a model card
 *
 * Gets when the model is retired.
 *
 * Returns: (nullable) (transfer none): the date of retirement, or %NULL if
 *   the model is not deprecated
 *
 * Since: 1.0
 */
GDateTime *
mistral_model_card_get_deprecation (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), NULL);

  return self->deprecation;
}

/**
 * mistral_model_card_get_deprecation_replacement_model: (get-property deprecation-replacement-model)
 * @self: a model card
 *
 * Gets the model to use instead of this one, once deprecated.
 *
 * Returns: (nullable): the id of the replacement
 *
 * Since: 1.0
 */
const char *
mistral_model_card_get_deprecation_replacement_model (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), NULL);

  return self->deprecation_replacement_model;
}

/**
 * mistral_model_card_get_default_model_temperature: (get-property default-model-temperature)
 * @self: a model card
 *
 * Gets the model's default temperature; see
 * [method@Mistral.ModelCard.get_default_model_temperature_set].
 *
 * Returns: the default temperature, or 0
 *
 * Since: 1.0
 */
double
mistral_model_card_get_default_model_temperature (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), 0);

  return self->default_model_temperature;
}

/**
 * mistral_model_card_get_default_model_temperature_set: (get-property default-model-temperature-set)
 * @self: a model card
 *
 * Gets whether the card gives a default temperature.
 *
 * Returns: %TRUE if it does
 *
 * Since: 1.0
 */
gboolean
mistral_model_card_get_default_model_temperature_set (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), FALSE);

  return self->default_model_temperature_set;
}

/**
 * mistral_model_card_get_capabilities: (get-property capabilities)
 * @self: a model card
 *
 * Gets what the model can do.
 *
 * Returns: the capabilities
 *
 * Since: 1.0
 */
MistralModelCapabilities
mistral_model_card_get_capabilities (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), MISTRAL_MODEL_CAPABILITIES_NONE);

  return self->capabilities;
}

/**
 * mistral_model_card_has_capabilities:
 * @self: a model card
 * @capabilities: the capabilities to look for
 *
 * Checks that the model has every one of @capabilities, as the Go
 * client's `Match` does. Every model has %MISTRAL_MODEL_CAPABILITIES_NONE.
 *
 * Returns: %TRUE if the model has all of @capabilities
 *
 * Since: 1.0
 */
gboolean
mistral_model_card_has_capabilities (MistralModelCard         *self,
                                     MistralModelCapabilities  capabilities)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), FALSE);

  return (self->capabilities & capabilities) == capabilities;
}

/**
 * mistral_model_card_get_job: (get-property job)
 * @self: a model card
 *
 * Gets the fine-tuning job that made the model.
 *
 * Returns: (nullable): the job's id, or %NULL for a base model
 *
 * Since: 1.0
 */
const char *
mistral_model_card_get_job (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), NULL);

  return self->job;
}

/**
 * mistral_model_card_get_root: (get-property root)
 * @self: a model card
 *
 * Gets the model a fine-tuned model was tuned from.
 *
 * Returns: (nullable): the id of that model, or %NULL for a base model
 *
 * Since: 1.0
 */
const char *
mistral_model_card_get_root (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), NULL);

  return self->root;
}

/**
 * mistral_model_card_get_archived: (get-property archived)
 * @self: a model card
 *
 * Gets whether a fine-tuned model is archived.
 *
 * Returns: %TRUE if it is
 *
 * Since: 1.0
 */
gboolean
mistral_model_card_get_archived (MistralModelCard *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_CARD (self), FALSE);

  return self->archived;
}

/* JSON --------------------------------------------------------------------- */

static const struct {
  const char *name;
  MistralModelCapabilities flag;
} capability_names[] = {
  { "completion_chat", MISTRAL_MODEL_CAPABILITIES_COMPLETION_CHAT },
  { "completion_fim", MISTRAL_MODEL_CAPABILITIES_COMPLETION_FIM },
  { "function_calling", MISTRAL_MODEL_CAPABILITIES_FUNCTION_CALLING },
  { "reasoning", MISTRAL_MODEL_CAPABILITIES_REASONING },
  { "fine_tuning", MISTRAL_MODEL_CAPABILITIES_FINE_TUNING },
  { "vision", MISTRAL_MODEL_CAPABILITIES_VISION },
  { "ocr", MISTRAL_MODEL_CAPABILITIES_OCR },
  { "classification", MISTRAL_MODEL_CAPABILITIES_CLASSIFICATION },
  { "moderation", MISTRAL_MODEL_CAPABILITIES_MODERATION },
  { "audio", MISTRAL_MODEL_CAPABILITIES_AUDIO },
  { "audio_transcription", MISTRAL_MODEL_CAPABILITIES_AUDIO_TRANSCRIPTION },
  { "audio_transcription_realtime", MISTRAL_MODEL_CAPABILITIES_AUDIO_TRANSCRIPTION_REALTIME },
  { "audio_speech", MISTRAL_MODEL_CAPABILITIES_AUDIO_SPEECH },
};

/* The capabilities this version knows; others are ignored, missing ones
 * are absent. */
static gboolean
card_read_capabilities (JsonObject                *object,
                        const char                *path,
                        MistralModelCapabilities  *out,
                        GError                   **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (capability_names); i++)
    {
      gboolean value = FALSE;

      if (!mistral_json_read_member (object, capability_names[i].name, path, MISTRAL_JSON_BOOLEAN, &value, error))
        return FALSE;
      if (value)
        *out |= capability_names[i].flag;
    }

  return TRUE;
}

static gboolean
card_read_aliases (JsonArray   *array,
                   const char  *path,
                   GStrv       *out,
                   GError     **error)
{
  guint n = json_array_get_length (array);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);

          return mistral_json_wrong_type (node, sub, NULL, "a string", error);
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* An ISO 8601 date and time (UTC when it names no zone), or a bare date. */
static gboolean
card_read_date_time (const char  *text,
                     const char  *path,
                     GDateTime  **out,
                     GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  *out = g_date_time_new_from_iso8601 (text, utc);
  if (*out == NULL)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);

      *out = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (*out == NULL)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s is not a date and time", path);
      return FALSE;
    }

  return TRUE;
}

/* Whether @member is there and not null (its type already checked). */
static gboolean
card_has_value (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

/* One card, base or fine-tuned (a model list's item, or a whole reply:
 * @path "" then). */
MistralModelCard *
mistral_model_card_new_from_json_object (JsonObject  *object,
                                         const char  *path,
                                         guint        position,
                                         GError     **error)
{
  g_autoptr(MistralModelCard) self = g_object_new (MISTRAL_TYPE_MODEL_CARD, NULL);
  const char *id = NULL, *name = NULL, *description = NULL, *owned_by = NULL, *type = NULL;
  const char *deprecation = NULL, *replacement = NULL, *job = NULL, *root = NULL;
  JsonObject *capabilities = NULL;
  JsonArray *aliases = NULL;
  gint64 created = 0;

  if (!mistral_json_read_member (object, "id", path, MISTRAL_JSON_STRING, &id, error) ||
      !mistral_json_read_member (object, "name", path, MISTRAL_JSON_STRING, &name, error) ||
      !mistral_json_read_member (object, "description", path, MISTRAL_JSON_STRING, &description, error) ||
      !mistral_json_read_member (object, "owned_by", path, MISTRAL_JSON_STRING, &owned_by, error) ||
      !mistral_json_read_member (object, "created", path, MISTRAL_JSON_INT, &created, error) ||
      !mistral_json_read_member (object, "type", path, MISTRAL_JSON_STRING, &type, error) ||
      !mistral_json_read_member (object, "max_context_length", path, MISTRAL_JSON_UINT,
                                 &self->max_context_length, error) ||
      !mistral_json_read_member (object, "aliases", path, MISTRAL_JSON_ARRAY, &aliases, error) ||
      !mistral_json_read_member (object, "deprecation", path, MISTRAL_JSON_STRING, &deprecation, error) ||
      !mistral_json_read_member (object, "deprecation_replacement_model", path, MISTRAL_JSON_STRING,
                                 &replacement, error) ||
      !mistral_json_read_member (object, "default_model_temperature", path, MISTRAL_JSON_DOUBLE,
                                 &self->default_model_temperature, error) ||
      !mistral_json_read_member (object, "capabilities", path, MISTRAL_JSON_OBJECT, &capabilities, error) ||
      !mistral_json_read_member (object, "job", path, MISTRAL_JSON_STRING, &job, error) ||
      !mistral_json_read_member (object, "root", path, MISTRAL_JSON_STRING, &root, error) ||
      !mistral_json_read_member (object, "archived", path, MISTRAL_JSON_BOOLEAN, &self->archived, error))
    return NULL;

  if (aliases != NULL)
    {
      g_autofree char *sub = mistral_json_path_join (path, "aliases");

      if (!card_read_aliases (aliases, sub, &self->aliases, error))
        return NULL;
    }

  if (capabilities != NULL)
    {
      g_autofree char *sub = mistral_json_path_join (path, "capabilities");

      if (!card_read_capabilities (capabilities, sub, &self->capabilities, error))
        return NULL;
    }

  if (deprecation != NULL)
    {
      g_autofree char *sub = mistral_json_path_join (path, "deprecation");

      if (!card_read_date_time (deprecation, sub, &self->deprecation, error))
        return NULL;
    }

  if (card_has_value (object, "created"))
    {
      self->created = g_date_time_new_from_unix_utc (created);
      if (self->created == NULL)
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                       "Invalid response: %s%screated is out of range", path, *path ? "." : "");
          return NULL;
        }
    }
  self->default_model_temperature_set = card_has_value (object, "default_model_temperature");

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->description = g_strdup (description);
  self->owned_by = g_strdup (owned_by);
  if (type != NULL)
    {
      g_free (self->model_type);
      self->model_type = g_strdup (type);
    }
  self->deprecation_replacement_model = g_strdup (replacement);
  self->job = g_strdup (job);
  self->root = g_strdup (root);

  return g_steal_pointer (&self);
}

MistralModelCard *
mistral_model_card_new_from_json_node (JsonNode  *node,
                                       GError   **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the response", NULL, "an object", error), NULL;

  return mistral_model_card_new_from_json_object (json_node_get_object (node), "", 0, error);
}

GListModel *
mistral_model_card_list_from_json_node (JsonNode  *node,
                                        GError   **error)
{
  JsonArray *data = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the response", NULL, "an object", error), NULL;
  if (!mistral_json_read_member (json_node_get_object (node), "data", "", MISTRAL_JSON_ARRAY, &data, error))
    return NULL;

  return G_LIST_MODEL (mistral_json_read_list (data, "data", MISTRAL_TYPE_MODEL_CARD,
                                               (MistralJsonReadFunc) mistral_model_card_new_from_json_object,
                                               error));
}
