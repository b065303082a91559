// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-json-private.h"
#include "mistral-moderation-response-private.h"
#include "mistral-moderation-result-private.h"

/**
 * MistralModerationResponse:
 *
 * The reply to a moderation or classification request: one
 * [class@Mistral.ModerationResult] for each input, in order.
 *
 * ## Usage
 *
 * ```c
 * GListModel *results = mistral_moderation_response_get_results (response);
 * g_autoptr(MistralModerationResult) first = g_list_model_get_item (results, 0);
 *
 * if (mistral_moderation_result_get_any_flagged (first))
 *   g_print ("flagged\n");
 * ```
 *
 * Since: 1.0
 */

struct _MistralModerationResponse
{
  GObject parent_instance;

  char *id;
  char *model;
  GListModel *results;
};

G_DEFINE_FINAL_TYPE (MistralModerationResponse, mistral_moderation_response, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_MODEL,
  PROP_RESULTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_moderation_response_finalize (GObject *object)
{
  MistralModerationResponse *self = MISTRAL_MODERATION_RESPONSE (object);

  g_free (self->id);
  g_free (self->model);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (mistral_moderation_response_parent_class)->finalize (object);
}

static void
mistral_moderation_response_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  MistralModerationResponse *self = MISTRAL_MODERATION_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_RESULTS:
      g_value_set_object (value, self->results);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
mistral_moderation_response_class_init (MistralModerationResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_moderation_response_finalize;
  object_class->get_property = mistral_moderation_response_get_property;

  /**
   * MistralModerationResponse:id:
   *
   * The id the API gave the reply.
   *
   * Since: 1.0
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralModerationResponse:model:
   *
   * The model that answered.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralModerationResponse:results: (type Gio.ListModel)
   *
   * The results, a list of [class@Mistral.ModerationResult], one per input.
   *
   * Since: 1.0
   */
  properties[PROP_RESULTS] = g_param_spec_object ("results", NULL, NULL, G_TYPE_LIST_MODEL, READ_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_moderation_response_init (MistralModerationResponse *self)
{
}

MistralModerationResponse *
mistral_moderation_response_new_from_json (JsonNode  *node,
                                           gboolean   classification,
                                           GError   **error)
{
  g_autoptr(MistralModerationResponse) self = g_object_new (MISTRAL_TYPE_MODERATION_RESPONSE, NULL);
  const char *id = NULL, *model = NULL;
  JsonArray *results = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the response", NULL, "an object", error), NULL;
  object = json_node_get_object (node);

  if (!mistral_json_read_member (object, "id", "", MISTRAL_JSON_STRING, &id, error) ||
      !mistral_json_read_member (object, "model", "", MISTRAL_JSON_STRING, &model, error) ||
      !mistral_json_read_member (object, "results", "", MISTRAL_JSON_ARRAY, &results, error))
    return NULL;

  self->id = g_strdup (id);
  self->model = g_strdup (model);
  if (results != NULL)
    {
      MistralJsonReadFunc read = classification
        ? (MistralJsonReadFunc) mistral_moderation_result_new_from_classification
        : (MistralJsonReadFunc) mistral_moderation_result_new_from_json_object;

      self->results = G_LIST_MODEL (mistral_json_read_list (results, "results", MISTRAL_TYPE_MODERATION_RESULT,
                                                            read, error));
      if (self->results == NULL)
        return NULL;
    }
  else
    self->results = G_LIST_MODEL (g_list_store_new (MISTRAL_TYPE_MODERATION_RESULT));

  return g_steal_pointer (&self);
}

/**
 * mistral_moderation_response_get_id: (get-property id)
 * @self: a response
 *
 * Gets the id.
 *
 * Returns: (nullable): the id of the reply
 *
 * Since: 1.0
 */
const char *
mistral_moderation_response_get_id (MistralModerationResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODERATION_RESPONSE (self), NULL);

  return self->id;
}

/**
 * mistral_moderation_response_get_model: (get-property model)
 * @self: a response
 *
 * Gets the model.
 *
 * Returns: (nullable): the model that answered
 *
 * Since: 1.0
 */
const char *
mistral_moderation_response_get_model (MistralModerationResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODERATION_RESPONSE (self), NULL);

  return self->model;
}

/**
 * mistral_moderation_response_get_results: (get-property results)
 * @self: a response
 *
 * Gets the results.
 *
 * Returns: (transfer none): the results, a list of
 *   [class@Mistral.ModerationResult], one per input
 *
 * Since: 1.0
 */
GListModel *
mistral_moderation_response_get_results (MistralModerationResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODERATION_RESPONSE (self), NULL);

  return self->results;
}
