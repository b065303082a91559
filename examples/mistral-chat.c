// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* mistral-chat: ask the Mistral API from the command line.
 *
 *   MISTRAL_API_KEY=… mistral-chat "Do I need an umbrella in Lyon tomorrow?"
 *   MISTRAL_API_KEY=… mistral-chat --list-models
 *   MISTRAL_API_KEY=… mistral-chat --ocr invoice.pdf
 *   mistral-chat --interactive
 *
 * MISTRAL_BASE_URL (or --base-url) points it at another compatible server.
 * Without MISTRAL_API_KEY, the key stored in the keyring for that server
 * (mistral_secret_store_api_key()) is used.
 *
 * --interactive is a multi-turn session on a MistralConversation: each
 * reply is printed as it streams; Ctrl-C stops the reply (and not the
 * program); at the prompt, a second Ctrl-C or Ctrl-D ends the session.
 * /save FILE and /load FILE keep the history (the conversation's JSON). */

#include <errno.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mistral-glib.h>

static char *model = NULL;
static char *system_prompt = NULL;
static char *base_url = NULL;
static double temperature = -1.0;
static int max_tokens = -1;
static gboolean json_mode = FALSE;
static gboolean no_stream = FALSE;
static gboolean list_models = FALSE;
static char *ocr_path = NULL;
static gboolean interactive = FALSE;
static char **prompt_words = NULL;

static const GOptionEntry entries[] = {
  { "model", 'm', 0, G_OPTION_ARG_STRING, &model, "The model (default: mistral-small-latest)", "MODEL" },
  { "system", 's', 0, G_OPTION_ARG_STRING, &system_prompt, "A system prompt", "TEXT" },
  { "temperature", 't', 0, G_OPTION_ARG_DOUBLE, &temperature, "Sampling temperature, 0 to 1.5", "T" },
  { "max-tokens", 0, 0, G_OPTION_ARG_INT, &max_tokens, "The most tokens of the reply", "N" },
  { "json", 'j', 0, G_OPTION_ARG_NONE, &json_mode, "Ask for a JSON object (JSON mode)", NULL },
  { "no-stream", 0, 0, G_OPTION_ARG_NONE, &no_stream, "Wait for the whole reply instead of streaming it", NULL },
  { "list-models", 0, 0, G_OPTION_ARG_NONE, &list_models, "List the models the API key may use, and what each can do", NULL },
  { "ocr", 0, 0, G_OPTION_ARG_FILENAME, &ocr_path,
    "Read a document or an image (PDF, PNG, …) and print its text as markdown (model: mistral-ocr-latest)", "FILE" },
  { "interactive", 'i', 0, G_OPTION_ARG_NONE, &interactive, "Chat turn after turn (/save FILE, /load FILE; Ctrl-C stops a reply, Ctrl-D quits)", NULL },
  { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url, "The API's base URL (default: $MISTRAL_BASE_URL or https://api.mistral.ai)", "URL" },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &prompt_words, NULL, "PROMPT…" },
  { NULL }
};

static MistralChatCompletionRequest *
build_request (void)
{
  MistralChatCompletionRequest *request =
    mistral_chat_completion_request_new (model != NULL ? model : "mistral-small-latest");
  g_autofree char *prompt = g_strjoinv (" ", prompt_words);
  g_autoptr(MistralUserMessage) user = mistral_user_message_new (prompt);

  if (system_prompt != NULL)
    {
      g_autoptr(MistralSystemMessage) system = mistral_system_message_new (system_prompt);

      mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (system));
    }
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));

  if (temperature >= 0.0)
    mistral_chat_completion_request_set_temperature (request, temperature);
  if (max_tokens >= 0)
    mistral_chat_completion_request_set_max_tokens (request, max_tokens);
  if (json_mode)
    mistral_chat_completion_request_set_response_json_object_format (request);

  return request;
}

/* Prints each piece of the reply as it arrives. */
static void
on_chunk (MistralChatCompletionStream *stream,
          MistralCompletionChunk      *chunk,
          gpointer                     user_data)
{
  MistralAssistantMessage *delta = mistral_completion_chunk_get_delta_message (chunk);
  const char *text = delta != NULL ? mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (delta)) : NULL;

  if (text != NULL)
    {
      g_print ("%s", text);
      fflush (stdout);
    }
}

/* One line a model: its id, its aliases, what it can do, and when it is
 * retired, if it is deprecated. */
static void
print_model (MistralModelCard *card)
{
  const char * const *aliases = mistral_model_card_get_aliases (card);
  MistralModelCapabilities capabilities = mistral_model_card_get_capabilities (card);
  GFlagsClass *flags = g_type_class_ref (MISTRAL_TYPE_MODEL_CAPABILITIES);
  GDateTime *deprecation = mistral_model_card_get_deprecation (card);
  g_autoptr(GString) line = g_string_new (mistral_model_card_get_id (card));

  if (aliases[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) aliases);

      g_string_append_printf (line, " (%s)", joined);
    }
  g_string_append (line, ":");
  for (guint i = 0; i < flags->n_values; i++)
    {
      if (flags->values[i].value != 0 && (capabilities & flags->values[i].value) == flags->values[i].value)
        g_string_append_printf (line, " %s", flags->values[i].value_nick);
    }
  if (deprecation != NULL)
    {
      g_autofree char *date = g_date_time_format (deprecation, "%Y-%m-%d");
      const char *replacement = mistral_model_card_get_deprecation_replacement_model (card);

      g_string_append_printf (line, " [deprecated: retired on %s%s%s]", date,
                              replacement != NULL ? ", use " : "", replacement != NULL ? replacement : "");
    }
  g_print ("%s\n", line->str);
  g_type_class_unref (flags);
}

static int
run_list_models (MistralClient *client)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  models = mistral_client_list_models (client, NULL, &error);
  if (models == NULL)
    {
      g_printerr ("mistral-chat: %s\n", error->message);
      return EXIT_FAILURE;
    }

  n = g_list_model_get_n_items (models);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralModelCard) card = g_list_model_get_item (models, i);

      print_model (card);
    }
  return EXIT_SUCCESS;
}

/* The file is sent inline; see MistralOcrRequest for the size at which to
 * upload it first. */
static int
run_ocr (MistralClient *client)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (ocr_path);
  g_autoptr(MistralOcrRequest) request = mistral_ocr_request_new_for_file (model != NULL ? model : "mistral-ocr-latest",
                                                                           file);
  g_autoptr(MistralOcrResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;

  response = mistral_client_ocr (client, request, NULL, &error);
  if (response == NULL)
    {
      g_printerr ("mistral-chat: %s\n", error->message);
      return EXIT_FAILURE;
    }
  markdown = mistral_ocr_response_get_markdown (response);
  g_print ("%s\n", markdown);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* --interactive                                                      */
/* ------------------------------------------------------------------ */

typedef struct {
  MistralClient *client;
  MistralConversation *conversation;
  gulong items_changed_id;
  GDataInputStream *input;
  GMainLoop *loop;
  GCancellable *reply_cancellable;  /* set while a reply is on its way */
  MistralChatMessage *streaming;    /* the reply being printed */
  gulong content_id;
  gsize printed;                    /* bytes of its content printed */
  gboolean interrupted;             /* Ctrl-C once at the prompt */
} Session;

static void session_prompt (Session *session);

/* Prints what the reply has that is not printed yet. */
static void
print_new_text (Session *session)
{
  const char *content = mistral_chat_message_get_content (session->streaming);
  gsize length = content != NULL ? strlen (content) : 0;

  if (length > session->printed)
    {
      fputs (content + session->printed, stdout);
      fflush (stdout);
      session->printed = length;
    }
}

static void
on_content (MistralChatMessage *message,
            GParamSpec         *pspec,
            Session            *session)
{
  print_new_text (session);
}

static void
stop_printing (Session *session)
{
  if (session->streaming != NULL)
    {
      g_clear_signal_handler (&session->content_id, session->streaming);
      g_clear_object (&session->streaming);
    }
}

/* A reply becomes an item when its first chunk arrives; from then on its
 * content grows, and is printed as it does. */
static void
on_items_changed (GListModel *items,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Session    *session)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MistralChatMessage) message = g_list_model_get_item (items, i);

      if (!MISTRAL_IS_ASSISTANT_MESSAGE (message) || message == session->streaming)
        continue;
      stop_printing (session);
      session->streaming = g_object_ref (message);
      session->printed = 0;
      session->content_id = g_signal_connect (message, "notify::content", G_CALLBACK (on_content), session);
      print_new_text (session);
    }
}

static void
session_set_conversation (Session             *session,
                          MistralConversation *conversation)
{
  if (session->conversation != NULL)
    {
      g_clear_signal_handler (&session->items_changed_id, session->conversation);
      g_object_unref (session->conversation);
    }
  session->conversation = conversation;
  session->items_changed_id = g_signal_connect (conversation, "items-changed",
                                                G_CALLBACK (on_items_changed), session);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Session *session = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralAssistantMessage) reply =
    mistral_conversation_send_finish (MISTRAL_CONVERSATION (source), result, &error);

  if (session->streaming != NULL)
    print_new_text (session);
  stop_printing (session);
  g_clear_object (&session->reply_cancellable);
  g_print ("\n");
  if (reply == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_printerr ("[stopped: the reply is not kept in the history]\n");
  else if (reply == NULL)
    g_printerr ("mistral-chat: %s\n", error->message);
  session_prompt (session);
}

static void
save_history (Session    *session,
              const char *path)
{
  g_autofree char *json = mistral_conversation_to_json (session->conversation);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, json, -1, &error))
    g_printerr ("mistral-chat: %s\n", error->message);
  else
    g_print ("Saved %u messages to %s\n",
             g_list_model_get_n_items (G_LIST_MODEL (session->conversation)), path);
}

static void
load_history (Session    *session,
              const char *path)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  MistralConversation *conversation;

  if (!g_file_get_contents (path, &json, NULL, &error)
      || (conversation = mistral_conversation_new_from_json (json, &error)) == NULL)
    {
      g_printerr ("mistral-chat: %s: %s\n", path, error->message);
      return;
    }
  /* The file has the dialogue (and its model and system prompt, if it
   * had them); the client, and --model and --system, are this session's. */
  mistral_conversation_set_client (conversation, session->client);
  if (model != NULL || mistral_conversation_get_model (conversation) == NULL)
    mistral_conversation_set_model (conversation, model != NULL ? model : "mistral-small-latest");
  if (system_prompt != NULL)
    mistral_conversation_set_system_prompt (conversation, system_prompt);
  session_set_conversation (session, conversation);
  g_print ("Loaded %u messages from %s\n", g_list_model_get_n_items (G_LIST_MODEL (conversation)), path);
}

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Session *session = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line =
    g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);

  if (line == NULL)
    {
      /* Ctrl-D, or stdin closed. */
      if (error != NULL)
        g_printerr ("mistral-chat: %s\n", error->message);
      else
        g_print ("\n");
      g_main_loop_quit (session->loop);
      return;
    }

  session->interrupted = FALSE;
  g_strstrip (line);
  if (line[0] == '\0')
    session_prompt (session);
  else if (strcmp (line, "/exit") == 0 || strcmp (line, "/quit") == 0)
    g_main_loop_quit (session->loop);
  else if (g_str_has_prefix (line, "/save ") && line[6] != '\0')
    {
      save_history (session, g_strstrip (line + 6));
      session_prompt (session);
    }
  else if (g_str_has_prefix (line, "/load ") && line[6] != '\0')
    {
      load_history (session, g_strstrip (line + 6));
      session_prompt (session);
    }
  else if (line[0] == '/')
    {
      g_print ("/save FILE, /load FILE: the history as JSON; /exit, or Ctrl-D: the end. "
               "Ctrl-C stops a reply.\n");
      session_prompt (session);
    }
  else
    {
      session->reply_cancellable = g_cancellable_new ();
      mistral_conversation_send_async (session->conversation, line, session->reply_cancellable,
                                       on_sent, session);
    }
}

static void
session_prompt (Session *session)
{
  g_print (">>> ");
  fflush (stdout);
  g_data_input_stream_read_line_async (session->input, G_PRIORITY_DEFAULT, NULL, on_line, session);
}

/* Ctrl-C: stops the reply on its way; at the prompt, the first one says how
 * to leave, and the second leaves. */
static gboolean
on_sigint (gpointer user_data)
{
  Session *session = user_data;

  if (session->reply_cancellable != NULL)
    g_cancellable_cancel (session->reply_cancellable);
  else if (session->interrupted)
    {
      g_print ("\n");
      g_main_loop_quit (session->loop);
    }
  else
    {
      session->interrupted = TRUE;
      g_print ("\n(Ctrl-C again, or Ctrl-D, to quit)\n>>> ");
      fflush (stdout);
    }
  return G_SOURCE_CONTINUE;
}

static int
run_interactive (MistralClient *client)
{
  Session session = { 0 };
  g_autoptr(GInputStream) stdin_stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  MistralConversation *conversation =
    mistral_conversation_new (client, model != NULL ? model : "mistral-small-latest");
  guint sigint_id;

  session.client = client;
  session.loop = g_main_loop_new (NULL, FALSE);
  session.input = g_data_input_stream_new (stdin_stream);
  if (system_prompt != NULL)
    mistral_conversation_set_system_prompt (conversation, system_prompt);
  if (temperature >= 0.0 || max_tokens >= 0)
    {
      g_autoptr(MistralChatCompletionRequest) options = mistral_chat_completion_request_new (model != NULL ? model : "mistral-small-latest");

      if (temperature >= 0.0)
        mistral_chat_completion_request_set_temperature (options, temperature);
      if (max_tokens >= 0)
        mistral_chat_completion_request_set_max_tokens (options, max_tokens);
      mistral_conversation_set_options (conversation, options);
    }
  session_set_conversation (&session, conversation);
  sigint_id = g_unix_signal_add (SIGINT, on_sigint, &session);

  /* Words after the options are the first turn. */
  if (prompt_words != NULL && prompt_words[0] != NULL)
    {
      g_autofree char *prompt = g_strjoinv (" ", prompt_words);

      g_print (">>> %s\n", prompt);
      session.reply_cancellable = g_cancellable_new ();
      mistral_conversation_send_async (session.conversation, prompt, session.reply_cancellable,
                                       on_sent, &session);
    }
  else
    session_prompt (&session);
  g_main_loop_run (session.loop);

  g_source_remove (sigint_id);
  if (session.reply_cancellable != NULL)
    g_cancellable_cancel (session.reply_cancellable);
  stop_printing (&session);
  g_clear_signal_handler (&session.items_changed_id, session.conversation);
  g_clear_object (&session.conversation);
  g_clear_object (&session.reply_cancellable);
  g_clear_object (&session.input);
  g_main_loop_unref (session.loop);
  return EXIT_SUCCESS;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MistralClient) client = NULL;
  g_autoptr(MistralChatCompletionRequest) request = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  MistralAssistantMessage *reply;

  setlocale (LC_ALL, "");

  /* G_OPTION_REMAINING's "PROMPT…" already follows [OPTION…] in the usage line. */
  context = g_option_context_new ("— chat with a Mistral model");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mistral-chat: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (!list_models && !interactive && ocr_path == NULL && (prompt_words == NULL || prompt_words[0] == NULL))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_FAILURE;
    }

  client = mistral_client_new_from_environment ();
  if (base_url != NULL)
    mistral_client_set_base_url (client, base_url);
  if (mistral_client_get_api_key (client) == NULL || *mistral_client_get_api_key (client) == '\0')
    {
      /* No key in the environment: the one stored for this base URL. */
      g_autoptr(GError) keyring_error = NULL;
      MistralClient *stored = mistral_client_new_from_keyring (mistral_client_get_base_url (client),
                                                               NULL, &keyring_error);

      if (stored != NULL)
        {
          g_object_unref (client);
          client = stored;
        }
      else if (g_error_matches (keyring_error, MISTRAL_ERROR, MISTRAL_ERROR_UNAUTHORIZED))
        g_printerr ("mistral-chat: MISTRAL_API_KEY is not set and no key is stored in the keyring for %s; "
                    "the API will refuse the request\n", mistral_client_get_base_url (client));
      else
        g_printerr ("mistral-chat: MISTRAL_API_KEY is not set (%s); the API will refuse the request\n",
                    keyring_error->message);
    }

  if (list_models)
    return run_list_models (client);
  if (ocr_path != NULL)
    return run_ocr (client);
  if (interactive)
    return run_interactive (client);

  request = build_request ();

  if (!no_stream)
    {
      g_autoptr(MistralChatCompletionStream) stream = mistral_client_chat_completion_stream (client, request);

      g_signal_connect (stream, "chunk", G_CALLBACK (on_chunk), NULL);
      response = mistral_chat_completion_stream_run (stream, NULL, &error);
      g_print ("\n");
    }
  else
    {
      response = mistral_client_chat_completion (client, request, NULL, &error);
      if (response != NULL)
        {
          reply = mistral_chat_completion_response_get_assistant_message (response);
          g_print ("%s\n", reply != NULL ? mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)) : "");
        }
    }

  if (response == NULL)
    {
      g_printerr ("mistral-chat: %s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
