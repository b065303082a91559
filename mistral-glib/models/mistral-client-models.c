// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The client's methods of the Models area: /v1/models and
 * /v1/models/{model_id}, and the search by capabilities on the list. */

#include "mistral-client-models.h"
#include "mistral-http-private.h"
#include "mistral-json-private.h"
#include "mistral-model-card-private.h"
#include "mistral-sync-call-private.h"

#define MODELS_PATH "/v1/models"

static gpointer
models_read_list (JsonNode          *node,
                  MistralHttpReply  *reply,
                  GError           **error)
{
  return mistral_model_card_list_from_json_node (node, error);
}

static gpointer
models_read_card (JsonNode          *node,
                  MistralHttpReply  *reply,
                  GError           **error)
{
  return mistral_model_card_new_from_json_node (node, error);
}

/* {id, object, deleted}: the request path hands back an object, so a
 * deletion is a plain GObject that stands for "done". */
static gpointer
models_read_deleted (JsonNode          *node,
                     MistralHttpReply  *reply,
                     GError           **error)
{
  const char *id = NULL;
  gboolean deleted = TRUE;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the response", NULL, "an object", error), NULL;
  object = json_node_get_object (node);
  if (!mistral_json_read_member (object, "id", "", MISTRAL_JSON_STRING, &id, error) ||
      !mistral_json_read_member (object, "deleted", "", MISTRAL_JSON_BOOLEAN, &deleted, error))
    return NULL;

  if (!deleted)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_FAILED,
                   "The API did not delete the model %s", id != NULL ? id : "");
      return NULL;
    }

  return g_object_new (G_TYPE_OBJECT, NULL);
}

/* @method on "/v1/models/ID", the id escaped whole (a fine-tuned id holds
 * ':', and any '/' or '?' stays in the one segment).
 *
 * No call of this area is cacheable (MistralHttpRequest.cacheable), as in
 * the Go client: the models change (new ones, fine-tuned ones, deletions),
 * and a list or a card from the cache would never show it, a reload of a
 * MistralModelList included. */
static void
models_call_on_model (MistralClient       *self,
                      const char          *method,
                      const char          *model_id,
                      MistralHttpReadFunc  read,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autofree char *id = g_uri_escape_string (model_id, NULL, FALSE);
  g_autofree char *path = g_strconcat (MODELS_PATH "/", id, NULL);

  mistral_http_call_async (self, &(MistralHttpRequest) { .method = method, .path = path },
                           NULL, read, source_tag, cancellable, callback, user_data);
}

/**
 * mistral_client_list_models_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the list arrived or the request failed
 * @user_data: data for @callback
 *
 * Lists the models the API key may use, base and fine-tuned
 * (`GET /v1/models`). For a list that loads itself and stays up to date
 * in a widget, see [class@Mistral.ModelList].
 *
 * The list always comes from the API, never from the client's
 * [property@Mistral.Client:cache]: the models change over time.
 *
 * Since: 1.0
 */
void
mistral_client_list_models_async (MistralClient       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  mistral_http_call_async (self, &(MistralHttpRequest) { .method = "GET", .path = MODELS_PATH },
                           NULL, models_read_list, mistral_client_list_models_async,
                           cancellable, callback, user_data);
}

/**
 * mistral_client_list_models_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.list_models_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.ModelCard], in the
 *   API's order, or %NULL with a %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
GListModel *
mistral_client_list_models_finish (MistralClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_list_models_async, error);
}

/**
 * mistral_client_list_models:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.list_models_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.ModelCard], or %NULL
 *   with a %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
GListModel *
mistral_client_list_models (MistralClient  *self,
                            GCancellable   *cancellable,
                            GError        **error)
{
  MistralSyncCall call;
  GListModel *models;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_list_models_async (self, cancellable, mistral_sync_call_done, &call);
  models = mistral_client_list_models_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return models;
}

/**
 * mistral_client_list_models_full_async:
 * @self: a client
 * @provider: (nullable): only the models of this provider, or %NULL for all
 * @model: (nullable): only this model, or %NULL for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the list arrived or the request failed
 * @user_data: data for @callback
 *
 * Lists the models the API key may use, as
 * [method@Mistral.Client.list_models_async] does, narrowed by the API
 * with the `provider` and `model` query parameters of `GET /v1/models`
 * (each left out when %NULL). Like it, never answered from the client's
 * [property@Mistral.Client:cache].
 *
 * Since: 1.0
 */
void
mistral_client_list_models_full_async (MistralClient       *self,
                                       const char          *provider,
                                       const char          *model,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  const char *query[5] = { NULL };
  guint n = 0;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (provider != NULL)
    {
      query[n++] = "provider";
      query[n++] = provider;
    }
  if (model != NULL)
    {
      query[n++] = "model";
      query[n++] = model;
    }

  mistral_http_call_async (self, &(MistralHttpRequest) { .method = "GET", .path = MODELS_PATH, .query = query },
                           NULL, models_read_list, mistral_client_list_models_full_async,
                           cancellable, callback, user_data);
}

/**
 * mistral_client_list_models_full_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.list_models_full_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.ModelCard], in the
 *   API's order, or %NULL with a %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
GListModel *
mistral_client_list_models_full_finish (MistralClient  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_list_models_full_async, error);
}

/**
 * mistral_client_list_models_full:
 * @self: a client
 * @provider: (nullable): only the models of this provider, or %NULL for all
 * @model: (nullable): only this model, or %NULL for all
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.list_models_full_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.ModelCard], or %NULL
 *   with a %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
GListModel *
mistral_client_list_models_full (MistralClient  *self,
                                 const char     *provider,
                                 const char     *model,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  MistralSyncCall call;
  GListModel *models;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_list_models_full_async (self, provider, model, cancellable, mistral_sync_call_done, &call);
  models = mistral_client_list_models_full_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return models;
}

/* Search: the list, filtered here as the Go client's SearchModels does. */

static void
models_search_on_listed (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MistralModelCapabilities capabilities = GPOINTER_TO_UINT (g_task_get_task_data (task));
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GListStore) found = g_list_store_new (MISTRAL_TYPE_MODEL_CARD);
  GError *error = NULL;
  guint n;

  models = mistral_client_list_models_finish (MISTRAL_CLIENT (source), result, &error);
  if (models == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n = g_list_model_get_n_items (models);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralModelCard) card = g_list_model_get_item (models, i);

      if (mistral_model_card_has_capabilities (card, capabilities))
        g_list_store_append (found, card);
    }
  g_task_return_pointer (task, g_steal_pointer (&found), g_object_unref);
}

/**
 * mistral_client_search_models_async:
 * @self: a client
 * @capabilities: the capabilities the models must all have
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the list arrived or the request failed
 * @user_data: data for @callback
 *
 * Lists the models that have every one of @capabilities (all the models
 * for %MISTRAL_MODEL_CAPABILITIES_NONE). The API has no search: the whole
 * list is fetched (never from the client's [property@Mistral.Client:cache])
 * and filtered here.
 *
 * Since: 1.0
 */
void
mistral_client_search_models_async (MistralClient            *self,
                                    MistralModelCapabilities  capabilities,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data)
{
  GTask *task;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_client_search_models_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (capabilities), NULL);
  mistral_client_list_models_async (self, cancellable, models_search_on_listed, task);
}

/**
 * mistral_client_search_models_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.search_models_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.ModelCard], in the
 *   API's order, or %NULL with a %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
GListModel *
mistral_client_search_models_finish (MistralClient  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_client_search_models_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mistral_client_search_models:
 * @self: a client
 * @capabilities: the capabilities the models must all have
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.search_models_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.ModelCard], or %NULL
 *   with a %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
GListModel *
mistral_client_search_models (MistralClient             *self,
                              MistralModelCapabilities   capabilities,
                              GCancellable              *cancellable,
                              GError                   **error)
{
  MistralSyncCall call;
  GListModel *models;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_search_models_async (self, capabilities, cancellable, mistral_sync_call_done, &call);
  models = mistral_client_search_models_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return models;
}

/**
 * mistral_client_get_model_async:
 * @self: a client
 * @model_id: the id of the model
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the card arrived or the request failed
 * @user_data: data for @callback
 *
 * Gets the card of one model (`GET /v1/models/{model_id}`). An id the API
 * does not know fails with %MISTRAL_ERROR_NOT_FOUND. The card always comes
 * from the API, never from the client's [property@Mistral.Client:cache].
 *
 * Since: 1.0
 */
void
mistral_client_get_model_async (MistralClient       *self,
                                const char          *model_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (model_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  models_call_on_model (self, "GET", model_id, models_read_card, mistral_client_get_model_async,
                        cancellable, callback, user_data);
}

/**
 * mistral_client_get_model_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.get_model_async].
 *
 * Returns: (transfer full): the model's card, or %NULL with a
 *   %MISTRAL_ERROR (%MISTRAL_ERROR_NOT_FOUND for an unknown model) or
 *   %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralModelCard *
mistral_client_get_model_finish (MistralClient  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_get_model_async, error);
}

/**
 * mistral_client_get_model:
 * @self: a client
 * @model_id: the id of the model
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.get_model_async].
 *
 * Returns: (transfer full): the model's card, or %NULL with a
 *   %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralModelCard *
mistral_client_get_model (MistralClient  *self,
                          const char     *model_id,
                          GCancellable   *cancellable,
                          GError        **error)
{
  MistralSyncCall call;
  MistralModelCard *card;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (model_id != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_get_model_async (self, model_id, cancellable, mistral_sync_call_done, &call);
  card = mistral_client_get_model_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return card;
}

/**
 * mistral_client_delete_model_async:
 * @self: a client
 * @model_id: the id of a fine-tuned model
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the model is deleted or the request failed
 * @user_data: data for @callback
 *
 * Deletes a fine-tuned model (`DELETE /v1/models/{model_id}`). Only
 * fine-tuned models can be deleted: the API refuses the others.
 *
 * Since: 1.0
 */
void
mistral_client_delete_model_async (MistralClient       *self,
                                   const char          *model_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (model_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  models_call_on_model (self, "DELETE", model_id, models_read_deleted, mistral_client_delete_model_async,
                        cancellable, callback, user_data);
}

/**
 * mistral_client_delete_model_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.delete_model_async].
 *
 * Returns: %TRUE if the model was deleted, or %FALSE with a
 *   %MISTRAL_ERROR (%MISTRAL_ERROR_FAILED when the API answers that it
 *   did not delete it) or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
gboolean
mistral_client_delete_model_finish (MistralClient  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_autoptr(GObject) done = NULL;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  done = mistral_http_call_finish (self, result, mistral_client_delete_model_async, error);
  return done != NULL;
}

/**
 * mistral_client_delete_model:
 * @self: a client
 * @model_id: the id of a fine-tuned model
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.delete_model_async].
 *
 * Returns: %TRUE if the model was deleted, or %FALSE with a
 *   %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
gboolean
mistral_client_delete_model (MistralClient  *self,
                             const char     *model_id,
                             GCancellable   *cancellable,
                             GError        **error)
{
  MistralSyncCall call;
  gboolean deleted;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (model_id != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mistral_sync_call_begin (&call);
  mistral_client_delete_model_async (self, model_id, cancellable, mistral_sync_call_done, &call);
  deleted = mistral_client_delete_model_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return deleted;
}
