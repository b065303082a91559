// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Built on the library's public API only, as an application would be. */
#include <string.h>

#include <mistral-glib.h>

/**
 * MistralConversation:
 *
 * A conversation with a model, as a list of messages a `GtkListView` shows
 * directly: a [iface@Gio.ListModel] of [class@Mistral.ChatMessage].
 *
 * [method@Mistral.Conversation.send_async] appends the user's message,
 * streams the model's reply into a [class@Mistral.AssistantMessage] and
 * runs the tools the model calls, until the model answers with text:
 *
 * - the reply becomes an item when its first chunk arrives, and its
 *   [property@Mistral.ChatMessage:content] is then set (and notified) once
 *   per chunk that carries text, so a label bound to it grows as the text
 *   arrives. The reasoning of a reasoning model is live too: its
 *   [property@Mistral.AssistantMessage:thinking] is set (and notified) once
 *   per chunk that carries reasoning, with the text so far, and is a
 *   `THINKING` chunk of the item meanwhile (the answer's text then follows
 *   as `TEXT` chunks). When the reply ends, its tool calls are added to it,
 *   and the chunks of a reasoning reply become those of the whole reply:
 *   one `THINKING` chunk (with its signature, if any) and one `TEXT` chunk
 *   (one more notification of `content` and of `thinking`, with the same
 *   text);
 * - for each tool call of a reply, [signal@Mistral.Conversation::approve-tool-call]
 *   asks the application, then the [class@Mistral.FunctionTool] of that
 *   name runs; parallel calls run at once, and their results are appended
 *   together, as [class@Mistral.ToolMessage] items in the order of the
 *   calls. A denied call, a failed tool and an unknown tool name each give
 *   a tool message that says so, which the model reads: none of them fails
 *   the send. After [property@Mistral.Conversation:max-tool-rounds] rounds
 *   of tools, a reply that still calls tools fails the send with
 *   %MISTRAL_ERROR_FAILED;
 * - each request is [property@Mistral.Conversation:options] (a template:
 *   its options, never its messages nor its tools), the
 *   [property@Mistral.Conversation:system-prompt] as a first system
 *   message, the items, and the definitions of the
 *   [property@Mistral.Conversation:tools].
 *
 * The system prompt is a property, not an item: the list holds the
 * dialogue only. [method@Mistral.Conversation.to_json] keeps both.
 *
 * ## When a send fails or is cancelled
 *
 * A send ends once, with its reply or an error, and
 * [property@Mistral.Conversation:busy] is %FALSE again before its callback
 * runs. Cancelling works at every phase (before the reply's headers, while
 * it streams, in a retry wait, while a tool runs or awaits approval) and
 * ends the send at once with %G_IO_ERROR_CANCELLED, even if a tool ignores
 * the cancellable (its late result is dropped).
 *
 * On any error, cancellation included, the history is left consistent:
 * the user's message and the tool rounds that were complete stay; the
 * reply in progress (however much of it had arrived) and a tool round
 * without all its results are removed, so that every tool call in the
 * history has its result and the next send is valid. A
 * [method@Mistral.Conversation.regenerate_async] then asks again. An
 * application that wants to keep a stopped reply's text can keep the
 * [class@Mistral.AssistantMessage] it showed.
 *
 * A send while another runs fails at once with %G_IO_ERROR_PENDING.
 *
 * ## Saving
 *
 * [method@Mistral.Conversation.to_json] writes a JSON object:
 *
 * ```json
 * {
 *   "format": "mistral-glib-conversation",
 *   "version": 1,
 *   "model": "mistral-small-latest",
 *   "system_prompt": "Be brief.",
 *   "max_tool_rounds": 8,
 *   "messages": [ { "role": "user", "content": "Hello" }, … ]
 * }
 * ```
 *
 * Each message is in the API's shape (as
 * [method@Mistral.ChatMessage.to_json_node] writes it), content chunks and
 * tool calls included. `model` and `system_prompt` are left out when
 * unset. The client, the options and the tools are code, not data: they
 * are not saved. [ctor@Mistral.Conversation.new_from_json] reads it back
 * and refuses anything else with %MISTRAL_ERROR_INVALID_RESPONSE (another
 * format, a later version, a wrong type, an unknown role, text that
 * [func@Mistral.json_parse] refuses, more than 64 MiB), naming what is
 * wrong.
 *
 * ## Usage
 *
 * ```c
 * static void
 * on_sent (GObject      *source,
 *          GAsyncResult *result,
 *          gpointer      user_data)
 * {
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(MistralAssistantMessage) reply =
 *     mistral_conversation_send_finish (MISTRAL_CONVERSATION (source), result, &error);
 *
 *   if (reply == NULL)
 *     g_printerr ("%s\n", error->message);
 * }
 *
 * conversation = mistral_conversation_new (client, "mistral-small-latest");
 * mistral_conversation_set_system_prompt (conversation, "Be brief.");
 * gtk_list_view_set_model (list_view,
 *                          GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (conversation)))));
 * mistral_conversation_send_async (conversation, "Hello!", cancellable, on_sent, NULL);
 * ```
 *
 * Since: 1.0
 */

#define CONVERSATION_FORMAT "mistral-glib-conversation"
#define CONVERSATION_MAX_JSON_SIZE (64 * 1024 * 1024)
#define CONVERSATION_DEFAULT_MAX_TOOL_ROUNDS 8

typedef struct _Send Send;

struct _MistralConversation
{
  GObject parent_instance;

  MistralClient *client;
  char *model;
  char *system_prompt;
  MistralChatCompletionRequest *options;
  GListModel *tools;
  GListStore *own_tools;
  guint max_tool_rounds;
  GPtrArray *items;
  Send *send;
};

static void conversation_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MistralConversation, mistral_conversation, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, conversation_list_model_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MODEL,
  PROP_SYSTEM_PROMPT,
  PROP_OPTIONS,
  PROP_TOOLS,
  PROP_MAX_TOOL_ROUNDS,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_APPROVE_TOOL_CALL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
conversation_set_string (char       **field,
                         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* The list ------------------------------------------------------------------ */

static GType
conversation_get_item_type (GListModel *model)
{
  return MISTRAL_TYPE_CHAT_MESSAGE;
}

static guint
conversation_get_n_items (GListModel *model)
{
  return MISTRAL_CONVERSATION (model)->items->len;
}

static gpointer
conversation_get_item (GListModel *model,
                       guint       position)
{
  MistralConversation *self = MISTRAL_CONVERSATION (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
conversation_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = conversation_get_item_type;
  iface->get_n_items = conversation_get_n_items;
  iface->get_item = conversation_get_item;
}

static void
conversation_append (MistralConversation *self,
                     MistralChatMessage  *message)
{
  g_ptr_array_add (self->items, g_object_ref (message));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
}

static void
conversation_remove_from (MistralConversation *self,
                          guint                position)
{
  guint n = self->items->len;

  if (position >= n)
    return;
  g_ptr_array_remove_range (self->items, position, n - position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, n - position, 0);
}

/* A send -------------------------------------------------------------------- */

typedef struct
{
  Send *send;                    /* the send owns its runs: no reference */
  MistralToolCall *call;
  MistralFunctionTool *tool;     /* NULL for an unknown name */
  MistralToolCallApproval *approval;
  char *result;
} ToolRun;

/* One send, from its start to the end of its last tool round. It outlives
 * its task when a cancel ends the task while a stream or a tool still runs:
 * what they report then is dropped (task is NULL). */
struct _Send
{
  MistralConversation *self;
  GTask *task;
  GCancellable *cancellable;
  gulong cancelled_id;
  GMainContext *context;
  guint committed;               /* the items kept if the send fails */
  guint rounds;                  /* the tool rounds run */
  MistralChatCompletionStream *stream;
  gulong chunk_id;
  MistralAssistantMessage *reply;
  GString *text;
  GString *thinking;
  GPtrArray *runs;               /* ToolRun of the round under way */
  guint n_pending;
};

static void tool_run_resolved_cb (MistralToolCallApproval *approval,
                                  GParamSpec              *pspec,
                                  ToolRun                 *run);

static void
tool_run_free (ToolRun *run)
{
  /* An approval the application still holds may be answered later. */
  if (run->approval != NULL)
    g_signal_handlers_disconnect_by_func (run->approval, tool_run_resolved_cb, run);
  g_clear_object (&run->call);
  g_clear_object (&run->tool);
  g_clear_object (&run->approval);
  g_free (run->result);
  g_free (run);
}

static void
send_clear (Send *send)
{
  g_assert (send->task == NULL);
  g_clear_object (&send->self);
  g_clear_object (&send->cancellable);
  g_clear_pointer (&send->context, g_main_context_unref);
  g_clear_object (&send->stream);
  g_clear_object (&send->reply);
  if (send->text != NULL)
    g_string_free (send->text, TRUE);
  if (send->thinking != NULL)
    g_string_free (send->thinking, TRUE);
  g_clear_pointer (&send->runs, g_ptr_array_unref);
}

static Send *
send_ref (Send *send)
{
  return g_rc_box_acquire (send);
}

static void
send_unref (Send *send)
{
  g_rc_box_release_full (send, (GDestroyNotify) send_clear);
}

static void
send_disconnect_stream (Send *send)
{
  if (send->stream != NULL && send->chunk_id != 0)
    g_signal_handler_disconnect (send->stream, send->chunk_id);
  send->chunk_id = 0;
}

/* Ends the send with @reply or @error (one of them), once. */
static void
send_return (Send                    *send,
             MistralAssistantMessage *reply,
             GError                  *error)
{
  MistralConversation *self = send->self;
  g_autoptr(GTask) task = g_steal_pointer (&send->task);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }

  send_disconnect_stream (send);
  if (send->cancelled_id != 0)
    g_cancellable_disconnect (send->cancellable, send->cancelled_id);
  send->cancelled_id = 0;

  if (error != NULL)
    conversation_remove_from (self, send->committed);

  self->send = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (reply), g_object_unref);

  send_unref (send);   /* the conversation's reference */
}

static gboolean
send_cancelled_idle (gpointer user_data)
{
  Send *send = user_data;

  send_return (send, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                "Operation was cancelled"));
  return G_SOURCE_REMOVE;
}

/* Any thread: the end comes in the send's context, at once, whatever the
 * stream or a tool still does. */
static void
send_cancelled_cb (GCancellable *cancellable,
                   Send         *send)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, send_cancelled_idle, send_ref (send), (GDestroyNotify) send_unref);
  g_source_set_static_name (source, "[mistral] conversation cancel");
  g_source_attach (source, send->context);
  g_source_unref (source);
}

/* Each option the template sets: a property with a "-set" companion when
 * that is TRUE, any other when it is not its default. Not the model, the
 * messages, the tools nor stream, which the conversation decides. */
static void
conversation_copy_options (MistralChatCompletionRequest *from,
                           MistralChatCompletionRequest *to)
{
  static const char * const skipped[] = { "model", "messages", "tools", "stream", NULL };
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (from), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_autofree char *set_name = NULL;
      GParamSpec *set_pspec;
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspec->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE
          || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0
          || g_str_has_suffix (pspec->name, "-set")
          || g_strv_contains (skipped, pspec->name))
        continue;

      set_name = g_strconcat (pspec->name, "-set", NULL);
      set_pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (from), set_name);
      g_value_init (&value, pspec->value_type);
      if (set_pspec != NULL)
        {
          gboolean is_set = FALSE;

          g_object_get (from, set_name, &is_set, NULL);
          if (!is_set)
            continue;
          g_object_get_property (G_OBJECT (from), pspec->name, &value);
        }
      else
        {
          g_object_get_property (G_OBJECT (from), pspec->name, &value);
          if (g_param_value_defaults (pspec, &value))
            continue;
        }
      g_object_set_property (G_OBJECT (to), pspec->name, &value);
    }
}

static MistralFunctionTool *
conversation_find_tool (MistralConversation *self,
                        const char          *name)
{
  guint n = self->tools != NULL ? g_list_model_get_n_items (self->tools) : 0;

  for (guint i = 0; i < n && name != NULL; i++)
    {
      g_autoptr(MistralFunctionTool) tool = g_list_model_get_item (self->tools, i);

      if (g_strcmp0 (mistral_function_tool_get_name (tool), name) == 0)
        return g_steal_pointer (&tool);
    }
  return NULL;
}

static MistralChatCompletionRequest *
conversation_build_request (MistralConversation *self)
{
  MistralChatCompletionRequest *request = mistral_chat_completion_request_new_stream (NULL);
  guint n_tools = self->tools != NULL ? g_list_model_get_n_items (self->tools) : 0;

  if (self->options != NULL)
    {
      conversation_copy_options (self->options, request);
      mistral_chat_completion_request_set_model (request, mistral_chat_completion_request_get_model (self->options));
    }
  if (self->model != NULL)
    mistral_chat_completion_request_set_model (request, self->model);

  if (self->system_prompt != NULL && *self->system_prompt != '\0')
    {
      g_autoptr(MistralSystemMessage) system = mistral_system_message_new (self->system_prompt);

      mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (system));
    }
  for (guint i = 0; i < self->items->len; i++)
    mistral_chat_completion_request_add_message (request, g_ptr_array_index (self->items, i));

  for (guint i = 0; i < n_tools; i++)
    {
      g_autoptr(MistralFunctionTool) tool = g_list_model_get_item (self->tools, i);

      mistral_chat_completion_request_add_tool (request, mistral_function_tool_get_definition (tool));
    }
  return request;
}

static void send_start_round (Send *send);

static void
send_chunk_cb (MistralChatCompletionStream *stream,
               MistralCompletionChunk      *chunk,
               Send                        *send)
{
  const char *text = mistral_completion_chunk_get_content (chunk);
  const char *thinking = mistral_completion_chunk_get_thinking (chunk);
  MistralChatMessage *reply;

  if (send->task == NULL)
    return;

  if (send->reply == NULL)
    {
      g_string_assign (send->text, text != NULL ? text : "");
      g_string_truncate (send->thinking, 0);
      send->reply = mistral_assistant_message_new (send->text->str);
      if (thinking != NULL)
        {
          g_string_assign (send->thinking, thinking);
          mistral_assistant_message_set_thinking (send->reply, send->thinking->str);
        }
      conversation_append (send->self, MISTRAL_CHAT_MESSAGE (send->reply));
      return;
    }

  reply = MISTRAL_CHAT_MESSAGE (send->reply);
  if (thinking != NULL && *thinking != '\0')
    {
      g_string_append (send->thinking, thinking);
      mistral_assistant_message_set_thinking (send->reply, send->thinking->str);
    }
  if (text != NULL && *text != '\0')
    {
      g_string_append (send->text, text);
      if (mistral_assistant_message_get_thinking (send->reply) == NULL)
        mistral_chat_message_set_content (reply, send->text->str);
      else
        {
          /* set_content would drop the reasoning: the text goes on in
           * chunks after it, made one when the reply ends. */
          g_autoptr(MistralContentChunk) piece = mistral_content_chunk_new_text (text);

          mistral_chat_message_add_chunk (reply, piece);
        }
    }
}

/* The live item takes what the accumulated reply has that chunks' text
 * does not: the reasoning chunks, and the tool calls. */
static void
send_finish_reply (Send                    *send,
                   MistralAssistantMessage *final)
{
  MistralChatMessage *reply = MISTRAL_CHAT_MESSAGE (send->reply);
  GListModel *chunks = mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (final));
  GListModel *calls = mistral_assistant_message_get_tool_calls (final);
  guint n_chunks = g_list_model_get_n_items (chunks);

  if (n_chunks > 0)
    {
      g_object_freeze_notify (G_OBJECT (reply));
      mistral_chat_message_set_content (reply, NULL);
      for (guint i = 0; i < n_chunks; i++)
        {
          g_autoptr(MistralContentChunk) chunk = g_list_model_get_item (chunks, i);

          mistral_chat_message_add_chunk (reply, chunk);
        }
      g_object_thaw_notify (G_OBJECT (reply));
    }
  else if (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (final)) != NULL
           && g_strcmp0 (mistral_chat_message_get_content (reply),
                         mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (final))) != 0)
    mistral_chat_message_set_content (reply, mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (final)));

  for (guint i = 0; i < g_list_model_get_n_items (calls); i++)
    {
      g_autoptr(MistralToolCall) call = g_list_model_get_item (calls, i);

      mistral_assistant_message_add_tool_call (send->reply, call);
    }
}

static void
send_round_complete (Send *send)
{
  MistralConversation *self = send->self;
  guint position = self->items->len;

  for (guint i = 0; i < send->runs->len; i++)
    {
      ToolRun *run = g_ptr_array_index (send->runs, i);
      MistralToolMessage *message = mistral_tool_message_new (mistral_tool_call_get_id (run->call),
                                                              mistral_tool_call_get_function_name (run->call),
                                                              run->result);

      g_ptr_array_add (self->items, message);
    }
  /* One change for the round: a list view shows all results at once. */
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, send->runs->len);
  send->committed = self->items->len;
  send_start_round (send);
}

static void
tool_run_done (ToolRun *run)
{
  Send *send = run->send;

  g_assert (send->n_pending > 0);
  if (--send->n_pending == 0 && send->task != NULL)
    send_round_complete (send);
}

/* @user_data is the run; the send, which owns it, is held for the invoke. */
static void
tool_run_invoke_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ToolRun *run = user_data;
  Send *send = run->send;
  g_autoptr(GError) error = NULL;
  char *text = mistral_function_tool_invoke_finish (MISTRAL_FUNCTION_TOOL (source), result, &error);

  if (send->task != NULL)
    {
      run->result = text != NULL ? text : g_strdup_printf ("Error: %s", error->message);
      tool_run_done (run);
    }
  else
    g_free (text);
  send_unref (send);
}

static void
tool_run_resolved_cb (MistralToolCallApproval *approval,
                      GParamSpec              *pspec,
                      ToolRun                 *run)
{
  Send *send = run->send;

  g_signal_handlers_disconnect_by_func (approval, tool_run_resolved_cb, run);
  if (send->task == NULL)
    return;

  if (mistral_tool_call_approval_get_approved (approval))
    {
      send_ref (send);
      mistral_function_tool_invoke_async (run->tool, mistral_tool_call_get_arguments (run->call),
                                          send->cancellable, tool_run_invoke_cb, run);
    }
  else
    {
      run->result = g_strdup (mistral_tool_call_approval_get_reason (approval));
      tool_run_done (run);
    }
}

static void
send_run_tools (Send       *send,
                GListModel *calls)
{
  MistralConversation *self = send->self;
  guint n = g_list_model_get_n_items (calls);

  g_clear_pointer (&send->runs, g_ptr_array_unref);
  send->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) tool_run_free);
  for (guint i = 0; i < n; i++)
    {
      ToolRun *run = g_new0 (ToolRun, 1);

      run->send = send;
      run->call = g_list_model_get_item (calls, i);
      run->tool = conversation_find_tool (self, mistral_tool_call_get_function_name (run->call));
      g_ptr_array_add (send->runs, run);
    }

  /* Held one more while the calls start, so that none completes the round
   * before all have started. */
  send->n_pending = n + 1;
  for (guint i = 0; i < n && send->task != NULL; i++)
    {
      ToolRun *run = g_ptr_array_index (send->runs, i);
      gboolean handled = FALSE;

      if (run->tool == NULL)
        {
          run->result = g_strdup_printf ("Error: there is no tool named \"%s\".",
                                         mistral_tool_call_get_function_name (run->call));
          tool_run_done (run);
          continue;
        }

      run->approval = mistral_tool_call_approval_new (run->call, run->tool);
      g_signal_connect (run->approval, "notify::resolved", G_CALLBACK (tool_run_resolved_cb), run);
      g_signal_emit (self, signals[SIGNAL_APPROVE_TOOL_CALL], 0, run->approval, &handled);
      if (!handled)
        mistral_tool_call_approval_approve (run->approval);
    }
  tool_run_done (g_ptr_array_index (send->runs, 0));
}

static void
send_stream_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Send *send = user_data;
  MistralConversation *self = send->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralChatCompletionResponse) response =
    mistral_chat_completion_stream_run_finish (MISTRAL_CHAT_COMPLETION_STREAM (source), result, &error);
  MistralAssistantMessage *final;
  GListModel *calls;

  if (send->task == NULL)
    goto out;

  send_disconnect_stream (send);
  if (response == NULL)
    {
      send_return (send, NULL, g_steal_pointer (&error));
      goto out;
    }
  final = mistral_chat_completion_response_get_assistant_message (response);
  if (final == NULL)
    {
      send_return (send, NULL, g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                                                    "Invalid response: the reply has no message"));
      goto out;
    }
  if (send->reply == NULL)
    {
      send->reply = mistral_assistant_message_new (NULL);
      conversation_append (self, MISTRAL_CHAT_MESSAGE (send->reply));
    }
  send_finish_reply (send, final);

  calls = mistral_assistant_message_get_tool_calls (send->reply);
  if (g_list_model_get_n_items (calls) == 0)
    send_return (send, send->reply, NULL);
  else if (send->rounds >= self->max_tool_rounds)
    send_return (send, NULL, g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_FAILED,
                                          "The model still calls tools after %u rounds of tool calls "
                                          "(max-tool-rounds)", self->max_tool_rounds));
  else
    {
      send->rounds++;
      send_run_tools (send, calls);
    }

out:
  send_unref (send);
}

static void
send_start_round (Send *send)
{
  MistralConversation *self = send->self;
  g_autoptr(MistralChatCompletionRequest) request = NULL;

  g_clear_object (&send->reply);
  g_clear_object (&send->stream);
  /* The client may have been unset while a tool ran. */
  if (self->client == NULL)
    {
      send_return (send, NULL, g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                                                    "The conversation has no client"));
      return;
    }
  request = conversation_build_request (self);
  send->stream = mistral_client_chat_completion_stream (self->client, request);
  send->chunk_id = g_signal_connect (send->stream, "chunk", G_CALLBACK (send_chunk_cb), send);
  mistral_chat_completion_stream_run_async (send->stream, send->cancellable,
                                            send_stream_done_cb, send_ref (send));
}

/* Starts a send: @message is appended first, unless NULL (a regenerate). */
static void
conversation_start_send (MistralConversation *self,
                         MistralChatMessage  *message,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data,
                         gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Send *send;

  g_task_set_source_tag (task, source_tag);
  /* The send decides: a reply that is complete is not turned into a cancel. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->send != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The conversation is busy with another send");
      return;
    }
  if (self->client == NULL)
    {
      g_task_return_new_error (task, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                               "The conversation has no client");
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  send = g_rc_box_new0 (Send);
  send->self = g_object_ref (self);
  send->task = g_steal_pointer (&task);
  send->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  send->context = g_main_context_ref_thread_default ();
  send->text = g_string_new (NULL);
  send->thinking = g_string_new (NULL);
  self->send = send;   /* the conversation's reference, until send_return */

  if (message != NULL)
    conversation_append (self, message);
  send->committed = self->items->len;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  send_ref (send);   /* the round may end the send at once */
  send_start_round (send);
  if (cancellable != NULL && send->task != NULL)
    send->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (send_cancelled_cb),
                                                send_ref (send), (GDestroyNotify) send_unref);
  send_unref (send);
}

/* GObject ------------------------------------------------------------------- */

static void
mistral_conversation_dispose (GObject *object)
{
  MistralConversation *self = MISTRAL_CONVERSATION (object);

  g_clear_object (&self->client);
  g_clear_object (&self->options);
  g_clear_object (&self->tools);
  g_clear_object (&self->own_tools);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (mistral_conversation_parent_class)->dispose (object);
}

static void
mistral_conversation_finalize (GObject *object)
{
  MistralConversation *self = MISTRAL_CONVERSATION (object);

  /* A send holds the conversation: none can be running here. */
  g_assert (self->send == NULL);
  g_free (self->model);
  g_free (self->system_prompt);
  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (mistral_conversation_parent_class)->finalize (object);
}

static void
mistral_conversation_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MistralConversation *self = MISTRAL_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_SYSTEM_PROMPT:
      g_value_set_string (value, self->system_prompt);
      break;
    case PROP_OPTIONS:
      g_value_set_object (value, self->options);
      break;
    case PROP_TOOLS:
      g_value_set_object (value, self->tools);
      break;
    case PROP_MAX_TOOL_ROUNDS:
      g_value_set_uint (value, self->max_tool_rounds);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->send != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_conversation_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MistralConversation *self = MISTRAL_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      mistral_conversation_set_client (self, g_value_get_object (value));
      break;
    case PROP_MODEL:
      mistral_conversation_set_model (self, g_value_get_string (value));
      break;
    case PROP_SYSTEM_PROMPT:
      mistral_conversation_set_system_prompt (self, g_value_get_string (value));
      break;
    case PROP_OPTIONS:
      mistral_conversation_set_options (self, g_value_get_object (value));
      break;
    case PROP_TOOLS:
      mistral_conversation_set_tools (self, g_value_get_object (value));
      break;
    case PROP_MAX_TOOL_ROUNDS:
      mistral_conversation_set_max_tool_rounds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_conversation_class_init (MistralConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mistral_conversation_dispose;
  object_class->finalize = mistral_conversation_finalize;
  object_class->get_property = mistral_conversation_get_property;
  object_class->set_property = mistral_conversation_set_property;

  /**
   * MistralConversation:client: (getter get_client) (setter set_client)
   *
   * The client that sends the requests. A send without one fails with
   * %MISTRAL_ERROR_INVALID_REQUEST.
   *
   * Since: 1.0
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MISTRAL_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralConversation:model: (getter get_model) (setter set_model)
   *
   * The model of each request; when %NULL, the model of
   * [property@Mistral.Conversation:options]. It may change between sends.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralConversation:system-prompt: (getter get_system_prompt) (setter set_system_prompt)
   *
   * The system prompt, sent as the first message of each request; it is
   * not an item of the list. %NULL or empty for none.
   *
   * Since: 1.0
   */
  properties[PROP_SYSTEM_PROMPT] =
    g_param_spec_string ("system-prompt", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralConversation:options: (getter get_options) (setter set_options)
   *
   * A request used as the template of each request: every option it sets
   * (temperature, max tokens, response format, tool choice, …) is copied,
   * its model too unless [property@Mistral.Conversation:model] is set; its
   * messages and tools are not. It is read at each request, so changes
   * apply from the next one.
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS] =
    g_param_spec_object ("options", NULL, NULL, MISTRAL_TYPE_CHAT_COMPLETION_REQUEST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralConversation:tools: (getter get_tools) (setter set_tools)
   *
   * The tools the model may call: a [iface@Gio.ListModel] of
   * [class@Mistral.FunctionTool]. At first an empty list of the
   * conversation's own, which [method@Mistral.Conversation.add_tool] fills.
   *
   * Since: 1.0
   */
  properties[PROP_TOOLS] =
    g_param_spec_object ("tools", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralConversation:max-tool-rounds: (getter get_max_tool_rounds) (setter set_max_tool_rounds)
   *
   * How many rounds of tool calls one send may run. A reply that calls
   * tools once they are all used fails the send with %MISTRAL_ERROR_FAILED.
   * 0 makes any tool call an error.
   *
   * Since: 1.0
   */
  properties[PROP_MAX_TOOL_ROUNDS] =
    g_param_spec_uint ("max-tool-rounds", NULL, NULL, 0, G_MAXUINT, CONVERSATION_DEFAULT_MAX_TOOL_ROUNDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralConversation:busy: (getter get_busy)
   *
   * Whether a send is under way. It turns %FALSE before the send's callback
   * runs, whatever its outcome.
   *
   * Since: 1.0
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MistralConversation::approve-tool-call:
   * @self: the conversation
   * @approval: the call to approve or deny
   *
   * Emitted for each call of a known tool, before it runs. A handler that
   * returns %TRUE takes the call in charge: it answers @approval with
   * [method@Mistral.ToolCallApproval.approve] or
   * [method@Mistral.ToolCallApproval.deny], now or later (keeping a
   * reference, for a dialog), and the conversation waits: until then, or
   * until the send is cancelled. When no handler returns %TRUE, the call is
   * approved.
   *
   * The calls of one reply are all asked at once (a dialog may queue
   * them); their tools run as each is approved.
   *
   * Returns: %TRUE if the handler answers @approval (now or later)
   *
   * Since: 1.0
   */
  signals[SIGNAL_APPROVE_TOOL_CALL] =
    g_signal_new ("approve-tool-call", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, MISTRAL_TYPE_TOOL_CALL_APPROVAL);
}

static void
mistral_conversation_init (MistralConversation *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->max_tool_rounds = CONVERSATION_DEFAULT_MAX_TOOL_ROUNDS;
  self->own_tools = g_list_store_new (MISTRAL_TYPE_FUNCTION_TOOL);
  self->tools = g_object_ref (G_LIST_MODEL (self->own_tools));
}

/* Public API ---------------------------------------------------------------- */

/**
 * mistral_conversation_new:
 * @client: (nullable): the client that sends the requests
 * @model: (nullable): the model
 *
 * Creates an empty conversation.
 *
 * Returns: (transfer full): a new conversation
 *
 * Since: 1.0
 */
MistralConversation *
mistral_conversation_new (MistralClient *client,
                          const char    *model)
{
  g_return_val_if_fail (client == NULL || MISTRAL_IS_CLIENT (client), NULL);

  return g_object_new (MISTRAL_TYPE_CONVERSATION, "client", client, "model", model, NULL);
}

/**
 * mistral_conversation_get_client: (get-property client)
 * @self: a conversation
 *
 * Gets the client that sends the requests.
 *
 * Returns: (transfer none) (nullable): the client
 *
 * Since: 1.0
 */
MistralClient *
mistral_conversation_get_client (MistralConversation *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONVERSATION (self), NULL);

  return self->client;
}

/**
 * mistral_conversation_set_client: (set-property client)
 * @self: a conversation
 * @client: (nullable): the client
 *
 * Sets the client that sends the next requests.
 *
 * Since: 1.0
 */
void
mistral_conversation_set_client (MistralConversation *self,
                                 MistralClient       *client)
{
  g_return_if_fail (MISTRAL_IS_CONVERSATION (self));
  g_return_if_fail (client == NULL || MISTRAL_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/**
 * mistral_conversation_get_model: (get-property model)
 * @self: a conversation
 *
 * Gets the model of the requests.
 *
 * Returns: (nullable): the model
 *
 * Since: 1.0
 */
const char *
mistral_conversation_get_model (MistralConversation *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONVERSATION (self), NULL);

  return self->model;
}

/**
 * mistral_conversation_set_model: (set-property model)
 * @self: a conversation
 * @model: (nullable): the model
 *
 * Sets the model of the next requests.
 *
 * Since: 1.0
 */
void
mistral_conversation_set_model (MistralConversation *self,
                                const char          *model)
{
  g_return_if_fail (MISTRAL_IS_CONVERSATION (self));

  if (conversation_set_string (&self->model, model))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * mistral_conversation_get_system_prompt: (get-property system-prompt)
 * @self: a conversation
 *
 * Gets the system prompt.
 *
 * Returns: (nullable): the system prompt
 *
 * Since: 1.0
 */
const char *
mistral_conversation_get_system_prompt (MistralConversation *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONVERSATION (self), NULL);

  return self->system_prompt;
}

/**
 * mistral_conversation_set_system_prompt: (set-property system-prompt)
 * @self: a conversation
 * @system_prompt: (nullable): the system prompt
 *
 * Sets the system prompt of the next requests.
 *
 * Since: 1.0
 */
void
mistral_conversation_set_system_prompt (MistralConversation *self,
                                        const char          *system_prompt)
{
  g_return_if_fail (MISTRAL_IS_CONVERSATION (self));

  if (conversation_set_string (&self->system_prompt, system_prompt))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSTEM_PROMPT]);
}

/**
 * mistral_conversation_get_options: (get-property options)
 * @self: a conversation
 *
 * Gets the template of the requests.
 *
 * Returns: (transfer none) (nullable): the template
 *
 * Since: 1.0
 */
MistralChatCompletionRequest *
mistral_conversation_get_options (MistralConversation *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONVERSATION (self), NULL);

  return self->options;
}

/**
 * mistral_conversation_set_options: (set-property options)
 * @self: a conversation
 * @options: (nullable): a request whose options apply to every request
 *
 * Sets the template of the requests.
 *
 * Since: 1.0
 */
void
mistral_conversation_set_options (MistralConversation          *self,
                                  MistralChatCompletionRequest *options)
{
  g_return_if_fail (MISTRAL_IS_CONVERSATION (self));
  g_return_if_fail (options == NULL || MISTRAL_IS_CHAT_COMPLETION_REQUEST (options));

  if (g_set_object (&self->options, options))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONS]);
}

/**
 * mistral_conversation_get_tools: (get-property tools)
 * @self: a conversation
 *
 * Gets the tools the model may call.
 *
 * Returns: (transfer none): a [iface@Gio.ListModel] of [class@Mistral.FunctionTool]
 *
 * Since: 1.0
 */
GListModel *
mistral_conversation_get_tools (MistralConversation *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONVERSATION (self), NULL);

  return self->tools;
}

/**
 * mistral_conversation_set_tools: (set-property tools)
 * @self: a conversation
 * @tools: (nullable): a [iface@Gio.ListModel] of [class@Mistral.FunctionTool],
 *   or %NULL for the conversation's own list again (empty)
 *
 * Sets the tools the model may call.
 *
 * Since: 1.0
 */
void
mistral_conversation_set_tools (MistralConversation *self,
                                GListModel          *tools)
{
  g_return_if_fail (MISTRAL_IS_CONVERSATION (self));
  g_return_if_fail (tools == NULL || G_IS_LIST_MODEL (tools));
  g_return_if_fail (tools == NULL || g_type_is_a (g_list_model_get_item_type (tools), MISTRAL_TYPE_FUNCTION_TOOL));

  if (tools == NULL)
    {
      g_list_store_remove_all (self->own_tools);
      tools = G_LIST_MODEL (self->own_tools);
    }
  if (g_set_object (&self->tools, tools))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOLS]);
}

/**
 * mistral_conversation_add_tool:
 * @self: a conversation
 * @tool: a tool
 *
 * Adds @tool to the conversation's own list of tools. When
 * [property@Mistral.Conversation:tools] was set to another list, add to
 * that list instead.
 *
 * Since: 1.0
 */
void
mistral_conversation_add_tool (MistralConversation *self,
                               MistralFunctionTool *tool)
{
  g_return_if_fail (MISTRAL_IS_CONVERSATION (self));
  g_return_if_fail (MISTRAL_IS_FUNCTION_TOOL (tool));
  g_return_if_fail (self->tools == G_LIST_MODEL (self->own_tools));

  g_list_store_append (self->own_tools, tool);
}

/**
 * mistral_conversation_get_max_tool_rounds: (get-property max-tool-rounds)
 * @self: a conversation
 *
 * Gets how many rounds of tool calls a send may run.
 *
 * Returns: the number of rounds
 *
 * Since: 1.0
 */
guint
mistral_conversation_get_max_tool_rounds (MistralConversation *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONVERSATION (self), 0);

  return self->max_tool_rounds;
}

/**
 * mistral_conversation_set_max_tool_rounds: (set-property max-tool-rounds)
 * @self: a conversation
 * @max_tool_rounds: the number of rounds
 *
 * Sets how many rounds of tool calls a send may run.
 *
 * Since: 1.0
 */
void
mistral_conversation_set_max_tool_rounds (MistralConversation *self,
                                          guint                max_tool_rounds)
{
  g_return_if_fail (MISTRAL_IS_CONVERSATION (self));

  if (self->max_tool_rounds == max_tool_rounds)
    return;
  self->max_tool_rounds = max_tool_rounds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_TOOL_ROUNDS]);
}

/**
 * mistral_conversation_get_busy: (get-property busy)
 * @self: a conversation
 *
 * Gets whether a send is under way.
 *
 * Returns: %TRUE while a send runs
 *
 * Since: 1.0
 */
gboolean
mistral_conversation_get_busy (MistralConversation *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONVERSATION (self), FALSE);

  return self->send != NULL;
}

/**
 * mistral_conversation_send_async:
 * @self: a conversation
 * @text: what the user says
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the model has answered, or the
 *   send failed
 * @user_data: data for @callback
 *
 * Appends a [class@Mistral.UserMessage] of @text and asks the model,
 * running the tools it calls, until it answers with text. See the class
 * description for what the list shows meanwhile, and after an error.
 *
 * Since: 1.0
 */
void
mistral_conversation_send_async (MistralConversation *self,
                                 const char          *text,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(MistralUserMessage) message = NULL;

  g_return_if_fail (MISTRAL_IS_CONVERSATION (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  message = mistral_user_message_new (text);
  conversation_start_send (self, MISTRAL_CHAT_MESSAGE (message), cancellable, callback, user_data,
                           mistral_conversation_send_async);
}

static MistralAssistantMessage *
conversation_send_finish (MistralConversation  *self,
                          GAsyncResult         *result,
                          gpointer              source_tag,
                          GError              **error)
{
  g_return_val_if_fail (MISTRAL_IS_CONVERSATION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mistral_conversation_send_finish:
 * @self: a conversation
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Conversation.send_async].
 *
 * Returns: (transfer full): the model's final reply (the last item), or
 *   %NULL with %G_IO_ERROR_CANCELLED, %G_IO_ERROR_PENDING or a
 *   %MISTRAL_ERROR
 *
 * Since: 1.0
 */
MistralAssistantMessage *
mistral_conversation_send_finish (MistralConversation  *self,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  return conversation_send_finish (self, result, mistral_conversation_send_async, error);
}

/**
 * mistral_conversation_send_message_async:
 * @self: a conversation
 * @message: the user's message, of any content (text, images, documents)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the model has answered, or the
 *   send failed
 * @user_data: data for @callback
 *
 * Like [method@Mistral.Conversation.send_async], with a message of the
 * application's making: a [class@Mistral.UserMessage] with chunks, say.
 * @message itself becomes the item.
 *
 * Since: 1.0
 */
void
mistral_conversation_send_message_async (MistralConversation *self,
                                         MistralChatMessage  *message,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (MISTRAL_IS_CONVERSATION (self));
  g_return_if_fail (MISTRAL_IS_CHAT_MESSAGE (message));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  conversation_start_send (self, message, cancellable, callback, user_data,
                           mistral_conversation_send_message_async);
}

/**
 * mistral_conversation_send_message_finish:
 * @self: a conversation
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Conversation.send_message_async].
 *
 * Returns: (transfer full): the model's final reply, or %NULL with @error set
 *
 * Since: 1.0
 */
MistralAssistantMessage *
mistral_conversation_send_message_finish (MistralConversation  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  return conversation_send_finish (self, result, mistral_conversation_send_message_async, error);
}

/**
 * mistral_conversation_regenerate_async:
 * @self: a conversation
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the model has answered again, or
 *   the send failed
 * @user_data: data for @callback
 *
 * Removes everything after the last user message (the model's reply and
 * its tool rounds) and asks again. A conversation without a user message
 * fails with %MISTRAL_ERROR_INVALID_REQUEST.
 *
 * Since: 1.0
 */
void
mistral_conversation_regenerate_async (MistralConversation *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  guint position = 0;

  g_return_if_fail (MISTRAL_IS_CONVERSATION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  for (guint i = self->items->len; i > 0 && position == 0 && self->send == NULL; i--)
    if (mistral_chat_message_get_role (g_ptr_array_index (self->items, i - 1)) == MISTRAL_ROLE_USER)
      position = i;

  if (position == 0 && self->send == NULL)
    {
      g_task_report_new_error (self, callback, user_data, mistral_conversation_regenerate_async,
                               MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                               "The conversation has no user message to answer again");
      return;
    }
  if (self->send == NULL)
    conversation_remove_from (self, position);
  conversation_start_send (self, NULL, cancellable, callback, user_data,
                           mistral_conversation_regenerate_async);
}

/**
 * mistral_conversation_regenerate_finish:
 * @self: a conversation
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Conversation.regenerate_async].
 *
 * Returns: (transfer full): the model's new reply, or %NULL with @error set
 *
 * Since: 1.0
 */
MistralAssistantMessage *
mistral_conversation_regenerate_finish (MistralConversation  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  return conversation_send_finish (self, result, mistral_conversation_regenerate_async, error);
}

static void
conversation_sync_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * mistral_conversation_send:
 * @self: a conversation
 * @text: what the user says
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Conversation.send_async], for
 * scripts and command-line programs. It runs the send on the calling
 * thread's thread-default main context, iterating it until the send ends,
 * so the conversation's signals, the items' notifications and tools that
 * answer from that context's sources (a timeout, an idle) all run in the
 * calling thread while it waits. When another thread owns that context,
 * the send runs on a context of its own instead.
 *
 * Like any nested iteration, calling it from a callback of a running main
 * loop lets other sources of that loop run meanwhile: GUI applications use
 * [method@Mistral.Conversation.send_async].
 *
 * Returns: (transfer full): the model's final reply, or %NULL with @error set
 *
 * Since: 1.0
 */
MistralAssistantMessage *
mistral_conversation_send (MistralConversation  *self,
                           const char           *text,
                           GCancellable         *cancellable,
                           GError              **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GAsyncResult) result = NULL;
  gboolean own_context = FALSE;

  g_return_val_if_fail (MISTRAL_IS_CONVERSATION (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_main_context_acquire (context))
    {
      g_main_context_unref (context);
      context = g_main_context_new ();
      g_main_context_acquire (context);
      g_main_context_push_thread_default (context);
      own_context = TRUE;
    }
  mistral_conversation_send_async (self, text, cancellable, conversation_sync_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  if (own_context)
    g_main_context_pop_thread_default (context);
  g_main_context_release (context);

  return mistral_conversation_send_finish (self, result, error);
}

/**
 * mistral_conversation_truncate:
 * @self: a conversation
 * @position: the first item to remove
 *
 * Removes the items from @position on: to edit a message (truncate at it,
 * then send the new text) or to branch from one. Nothing happens when
 * @position is past the end. It must not be called while a send runs.
 *
 * Since: 1.0
 */
void
mistral_conversation_truncate (MistralConversation *self,
                               guint                position)
{
  g_return_if_fail (MISTRAL_IS_CONVERSATION (self));
  g_return_if_fail (self->send == NULL);

  conversation_remove_from (self, position);
}

/* JSON ---------------------------------------------------------------------- */

/**
 * mistral_conversation_to_json:
 * @self: a conversation
 *
 * Writes the conversation as JSON, in the format the class description
 * gives, to keep it across runs.
 *
 * Returns: (transfer full): the JSON text
 *
 * Since: 1.0
 */
char *
mistral_conversation_to_json (MistralConversation *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (MISTRAL_IS_CONVERSATION (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, CONVERSATION_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, MISTRAL_CONVERSATION_JSON_VERSION);
  if (self->model != NULL)
    {
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, self->model);
    }
  if (self->system_prompt != NULL)
    {
      json_builder_set_member_name (builder, "system_prompt");
      json_builder_add_string_value (builder, self->system_prompt);
    }
  json_builder_set_member_name (builder, "max_tool_rounds");
  json_builder_add_int_value (builder, self->max_tool_rounds);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    json_builder_add_value (builder, mistral_chat_message_to_json_node (g_ptr_array_index (self->items, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}

static const char *
conversation_describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY: return "a list";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return "a string";
    case G_TYPE_INT64: return "an integer";
    case G_TYPE_DOUBLE: return "a number";
    case G_TYPE_BOOLEAN: return "a boolean";
    default: return "a value";
    }
}

/* Reads @member of @object when present: a value of @value_type, or an
 * array (G_TYPE_NONE). Anything else is an error naming the member. */
static gboolean
conversation_read_member (JsonObject  *object,
                          const char  *member,
                          GType        value_type,
                          JsonNode   **out,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gboolean ok;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (value_type == G_TYPE_NONE)
    ok = JSON_NODE_HOLDS_ARRAY (node);
  else
    ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type;
  if (!ok)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid conversation: %s is %s, expected %s", member, conversation_describe_node (node),
                   value_type == G_TYPE_NONE ? "a list"
                   : value_type == G_TYPE_STRING ? "a string" : "an integer");
      return FALSE;
    }
  *out = node;
  return TRUE;
}

/**
 * mistral_conversation_new_from_json:
 * @json: the JSON text [method@Mistral.Conversation.to_json] wrote
 * @error: return location for a #GError
 *
 * Reads a conversation back. It has no client, options nor tools: set
 * them before sending.
 *
 * Returns: (transfer full): the conversation, or %NULL with
 *   %MISTRAL_ERROR_INVALID_RESPONSE naming what does not fit
 *
 * Since: 1.0
 */
MistralConversation *
mistral_conversation_new_from_json (const char  *json,
                                    GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MistralConversation) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *format, *version, *model, *system_prompt, *rounds, *messages;
  JsonArray *array;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strnlen (json, CONVERSATION_MAX_JSON_SIZE + 1) > CONVERSATION_MAX_JSON_SIZE)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid conversation: larger than %d bytes", CONVERSATION_MAX_JSON_SIZE);
      return NULL;
    }
  root = mistral_json_parse (json, -1, &local_error);
  if (root == NULL)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid conversation: %s", local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid conversation: not a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);

  if (!conversation_read_member (object, "format", G_TYPE_STRING, &format, error) ||
      !conversation_read_member (object, "version", G_TYPE_INT64, &version, error) ||
      !conversation_read_member (object, "model", G_TYPE_STRING, &model, error) ||
      !conversation_read_member (object, "system_prompt", G_TYPE_STRING, &system_prompt, error) ||
      !conversation_read_member (object, "max_tool_rounds", G_TYPE_INT64, &rounds, error) ||
      !conversation_read_member (object, "messages", G_TYPE_NONE, &messages, error))
    return NULL;

  if (format == NULL || g_strcmp0 (json_node_get_string (format), CONVERSATION_FORMAT) != 0)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid conversation: format is not \"" CONVERSATION_FORMAT "\"");
      return NULL;
    }
  if (version == NULL || json_node_get_int (version) < 1
      || json_node_get_int (version) > MISTRAL_CONVERSATION_JSON_VERSION)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid conversation: version %" G_GINT64_FORMAT " is not one this version of "
                   "mistral-glib reads (1 to %d)",
                   version != NULL ? json_node_get_int (version) : 0, MISTRAL_CONVERSATION_JSON_VERSION);
      return NULL;
    }
  if (rounds != NULL && (json_node_get_int (rounds) < 0 || json_node_get_int (rounds) > G_MAXUINT))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid conversation: max_tool_rounds is out of range");
      return NULL;
    }
  if (messages == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid conversation: messages is missing");
      return NULL;
    }

  self = mistral_conversation_new (NULL, model != NULL ? json_node_get_string (model) : NULL);
  if (system_prompt != NULL)
    mistral_conversation_set_system_prompt (self, json_node_get_string (system_prompt));
  if (rounds != NULL)
    mistral_conversation_set_max_tool_rounds (self, (guint) json_node_get_int (rounds));

  array = json_node_get_array (messages);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      MistralChatMessage *message = mistral_chat_message_from_json_node (json_array_get_element (array, i),
                                                                             &local_error);

      if (message == NULL)
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                       "Invalid conversation: messages[%u]: %s", i, local_error->message);
          return NULL;
        }
      g_ptr_array_add (self->items, message);
    }

  return g_steal_pointer (&self);
}
