// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The client's moderation and classification methods: /v1/moderations,
 * /v1/chat/moderations, /v1/classifications, /v1/chat/classifications.
 * The four share a reply reader; the chat ones send the messages with the
 * chat message writer, as one conversation: a list of messages for chat
 * moderation, an InstructRequest ({messages}) for chat classification,
 * as the OpenAPI description has them. */

#include "mistral-chat-message-private.h"
#include "mistral-client-classifiers.h"
#include "mistral-client-classifiers-private.h"
#include "mistral-http-private.h"
#include "mistral-json-private.h"
#include "mistral-moderation-response-private.h"
#include "mistral-sync-call-private.h"

static gpointer
classifiers_read_moderation (JsonNode          *node,
                             MistralHttpReply  *reply,
                             GError           **error)
{
  return mistral_moderation_response_new_from_json (node, FALSE, error);
}

static gpointer
classifiers_read_classification (JsonNode          *node,
                                 MistralHttpReply  *reply,
                                 GError           **error)
{
  return mistral_moderation_response_new_from_json (node, TRUE, error);
}

static void
classifiers_write_message (gpointer     item,
                           JsonBuilder *builder)
{
  mistral_chat_message_write_json (item, builder);
}

GBytes *
mistral_classifiers_body (const char          *model,
                          const char * const  *inputs,
                          GListModel          *messages,
                          gboolean             instruct,
                          GError             **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (model == NULL || *model == '\0')
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST, "The request has no model");
      return NULL;
    }
  if (messages != NULL ? g_list_model_get_n_items (messages) == 0 : (inputs == NULL || inputs[0] == NULL))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST, "The request has no inputs");
      return NULL;
    }
  if (messages != NULL && !g_type_is_a (g_list_model_get_item_type (messages), MISTRAL_TYPE_CHAT_MESSAGE))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                           "The messages are not a list of MistralChatMessage");
      return NULL;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  mistral_json_add_string (builder, "model", model);
  if (messages == NULL)
    mistral_json_add_strv (builder, "input", inputs);
  else
    {
      json_builder_set_member_name (builder, "input");
      if (instruct)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "messages");
        }
      mistral_json_add_list (builder, messages, classifiers_write_message);
      if (instruct)
        json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return mistral_json_to_bytes (root, error);
}

static void
classifiers_call (MistralClient       *self,
                  const char          *path,
                  const char          *model,
                  const char * const  *inputs,
                  GListModel          *messages,
                  gboolean             classification,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = mistral_classifiers_body (model, inputs, messages, classification && messages != NULL, &error);
  mistral_http_call_async (self, &(MistralHttpRequest) { .method = "POST", .path = path, .body = body,
                                                          .cacheable = TRUE },
                           error, classification ? classifiers_read_classification : classifiers_read_moderation,
                           source_tag, cancellable, callback, user_data);
}

/**
 * mistral_client_moderate_async:
 * @self: a client
 * @model: the model
 * @inputs: (array zero-terminated=1): the texts, at least one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply arrived or the request failed
 * @user_data: data for @callback
 *
 * Moderates @inputs with a moderation model such as `mistral-moderation-latest`: one result per input, with the categories the model flags.
 *
 * Sends `POST /v1/moderations`. A request without a model or inputs fails with
 * %MISTRAL_ERROR_INVALID_REQUEST before anything is sent.
 *
 * Since: 1.0
 */
void
mistral_client_moderate_async (MistralClient       *self,
                               const char          *model,
                               const char * const *inputs,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (inputs != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  classifiers_call (self, "/v1/moderations", model, inputs, NULL, FALSE,
                    mistral_client_moderate_async, cancellable, callback, user_data);
}

/**
 * mistral_client_moderate_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.moderate_async].
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralModerationResponse *
mistral_client_moderate_finish (MistralClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_moderate_async, error);
}

/**
 * mistral_client_moderate:
 * @self: a client
 * @model: the model
 * @inputs: (array zero-terminated=1): the texts, at least one
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.moderate_async], for worker
 * threads and scripts.
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralModerationResponse *
mistral_client_moderate (MistralClient       *self,
                         const char          *model,
                         const char * const *inputs,
                         GCancellable        *cancellable,
                         GError             **error)
{
  MistralSyncCall call;
  MistralModerationResponse *response;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (inputs != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_moderate_async (self, model, inputs, cancellable, mistral_sync_call_done, &call);
  response = mistral_client_moderate_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return response;
}

/**
 * mistral_client_moderate_chat_async:
 * @self: a client
 * @model: the model
 * @messages: (type Gio.ListModel): the conversation, a list of [class@Mistral.ChatMessage], at least one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply arrived or the request failed
 * @user_data: data for @callback
 *
 * Moderates a conversation, @messages, with a moderation model: one result for the conversation (its last message judged in the context of the others).
 *
 * Sends `POST /v1/chat/moderations`. A request without a model or inputs fails with
 * %MISTRAL_ERROR_INVALID_REQUEST before anything is sent.
 *
 * Since: 1.0
 */
void
mistral_client_moderate_chat_async (MistralClient       *self,
                                    const char          *model,
                                    GListModel         *messages,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (G_IS_LIST_MODEL (messages));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  classifiers_call (self, "/v1/chat/moderations", model, NULL, messages, FALSE,
                    mistral_client_moderate_chat_async, cancellable, callback, user_data);
}

/**
 * mistral_client_moderate_chat_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.moderate_chat_async].
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralModerationResponse *
mistral_client_moderate_chat_finish (MistralClient  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_moderate_chat_async, error);
}

/**
 * mistral_client_moderate_chat:
 * @self: a client
 * @model: the model
 * @messages: (type Gio.ListModel): the conversation, a list of [class@Mistral.ChatMessage], at least one
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.moderate_chat_async], for worker
 * threads and scripts.
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralModerationResponse *
mistral_client_moderate_chat (MistralClient       *self,
                              const char          *model,
                              GListModel         *messages,
                              GCancellable        *cancellable,
                              GError             **error)
{
  MistralSyncCall call;
  MistralModerationResponse *response;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (messages), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_moderate_chat_async (self, model, messages, cancellable, mistral_sync_call_done, &call);
  response = mistral_client_moderate_chat_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return response;
}

/**
 * mistral_client_classify_async:
 * @self: a client
 * @model: the model
 * @inputs: (array zero-terminated=1): the texts, at least one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply arrived or the request failed
 * @user_data: data for @callback
 *
 * Classifies @inputs with a classifier model (one trained with the fine-tuning API): one result per input, each category named `target/label` with its score and never flagged (see [class@Mistral.ModerationResult]).
 *
 * Sends `POST /v1/classifications`. A request without a model or inputs fails with
 * %MISTRAL_ERROR_INVALID_REQUEST before anything is sent.
 *
 * Since: 1.0
 */
void
mistral_client_classify_async (MistralClient       *self,
                               const char          *model,
                               const char * const *inputs,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (inputs != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  classifiers_call (self, "/v1/classifications", model, inputs, NULL, TRUE,
                    mistral_client_classify_async, cancellable, callback, user_data);
}

/**
 * mistral_client_classify_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.classify_async].
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralModerationResponse *
mistral_client_classify_finish (MistralClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_classify_async, error);
}

/**
 * mistral_client_classify:
 * @self: a client
 * @model: the model
 * @inputs: (array zero-terminated=1): the texts, at least one
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.classify_async], for worker
 * threads and scripts.
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralModerationResponse *
mistral_client_classify (MistralClient       *self,
                         const char          *model,
                         const char * const *inputs,
                         GCancellable        *cancellable,
                         GError             **error)
{
  MistralSyncCall call;
  MistralModerationResponse *response;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (inputs != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_classify_async (self, model, inputs, cancellable, mistral_sync_call_done, &call);
  response = mistral_client_classify_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return response;
}

/**
 * mistral_client_classify_chat_async:
 * @self: a client
 * @model: the model
 * @messages: (type Gio.ListModel): the conversation, a list of [class@Mistral.ChatMessage], at least one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply arrived or the request failed
 * @user_data: data for @callback
 *
 * Classifies a conversation, @messages, with a classifier model: one result, each category named `target/label` with its score and never flagged (see [class@Mistral.ModerationResult]).
 *
 * Sends `POST /v1/chat/classifications`. A request without a model or inputs fails with
 * %MISTRAL_ERROR_INVALID_REQUEST before anything is sent.
 *
 * Since: 1.0
 */
void
mistral_client_classify_chat_async (MistralClient       *self,
                                    const char          *model,
                                    GListModel         *messages,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (G_IS_LIST_MODEL (messages));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  classifiers_call (self, "/v1/chat/classifications", model, NULL, messages, TRUE,
                    mistral_client_classify_chat_async, cancellable, callback, user_data);
}

/**
 * mistral_client_classify_chat_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.classify_chat_async].
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralModerationResponse *
mistral_client_classify_chat_finish (MistralClient  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_classify_chat_async, error);
}

/**
 * mistral_client_classify_chat:
 * @self: a client
 * @model: the model
 * @messages: (type Gio.ListModel): the conversation, a list of [class@Mistral.ChatMessage], at least one
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.classify_chat_async], for worker
 * threads and scripts.
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralModerationResponse *
mistral_client_classify_chat (MistralClient       *self,
                              const char          *model,
                              GListModel         *messages,
                              GCancellable        *cancellable,
                              GError             **error)
{
  MistralSyncCall call;
  MistralModerationResponse *response;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (messages), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_classify_chat_async (self, model, messages, cancellable, mistral_sync_call_done, &call);
  response = mistral_client_classify_chat_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return response;
}
