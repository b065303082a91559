// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* MistralFunctionTool on its own: its definition, the default invoke and
 * its call signal, a subclass's invoke; and MistralToolCallApproval. */

#include <mistral-glib.h>

#include "test-utils.h"

static char *
invoke (MistralFunctionTool  *tool,
        const char           *arguments,
        GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mistral_function_tool_invoke_async (tool, arguments, NULL, test_async_result_cb, &result);
  return mistral_function_tool_invoke_finish (tool, test_wait_result (&result), error);
}

static void
test_definition (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralFunctionTool) tool =
    mistral_function_tool_new ("get_time", "The time now",
                               "{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}}}", &error);
  g_autoptr(MistralFunctionTool) bare = NULL;
  g_autofree char *schema = NULL;
  MistralTool *definition;
  guint n_name = 0, n_description = 0, n_parameters = 0;

  g_assert_no_error (error);
  definition = mistral_function_tool_get_definition (tool);
  g_assert_true (MISTRAL_IS_TOOL (definition));
  g_assert_cmpstr (mistral_tool_get_name (definition), ==, "get_time");
  g_assert_cmpstr (mistral_function_tool_get_name (tool), ==, "get_time");
  g_assert_cmpstr (mistral_function_tool_get_description (tool), ==, "The time now");
  schema = json_to_string (mistral_function_tool_get_parameters (tool), FALSE);
  g_assert_cmpstr (schema, ==, "{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}}}");

  /* One object holds them: a change through either side is notified here. */
  g_signal_connect_swapped (tool, "notify::name", G_CALLBACK (count_notify), &n_name);
  g_signal_connect_swapped (tool, "notify::description", G_CALLBACK (count_notify), &n_description);
  g_signal_connect_swapped (tool, "notify::parameters", G_CALLBACK (count_notify), &n_parameters);
  mistral_tool_set_name (definition, "get_clock");
  g_assert_cmpstr (mistral_function_tool_get_name (tool), ==, "get_clock");
  mistral_function_tool_set_description (tool, "The clock");
  g_assert_cmpstr (mistral_tool_get_description (definition), ==, "The clock");
  mistral_function_tool_set_description (tool, "The clock");
  mistral_function_tool_set_parameters (tool, NULL);
  g_assert_cmpuint (n_name, ==, 1);
  g_assert_cmpuint (n_description, ==, 1);
  g_assert_cmpuint (n_parameters, ==, 1);

  /* Without parameters: an object schema with none. */
  bare = mistral_function_tool_new ("ping", NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&schema, g_free);
  schema = json_to_string (mistral_function_tool_get_parameters (bare), FALSE);
  g_assert_cmpstr (schema, ==, "{\"type\":\"object\",\"properties\":{}}");
  g_assert_null (mistral_function_tool_get_description (bare));

  /* A schema that is not an object is refused. */
  g_assert_null (mistral_function_tool_new ("bad", NULL, "[1]", &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_null (mistral_function_tool_new ("bad", NULL, "{", &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
}

static char *
decline_cb (MistralFunctionTool *tool,
            JsonObject          *arguments,
            guint               *n_calls)
{
  (*n_calls)++;
  return NULL;
}

static char *
answer_cb (MistralFunctionTool *tool,
           JsonObject          *arguments,
           guint               *n_calls)
{
  (*n_calls)++;
  return g_strdup_printf ("zone=%s", json_object_get_string_member_with_default (arguments, "zone", "none"));
}

static void
test_call_signal (void)
{
  g_autoptr(MistralFunctionTool) tool = mistral_function_tool_new ("get_time", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  guint n_declined = 0, n_answered = 0;

  /* No handler: a clear failure. */
  g_assert_null (invoke (tool, "{}", &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "get_time"));
  g_clear_error (&error);

  /* The first handler that answers wins. */
  g_signal_connect (tool, "call", G_CALLBACK (decline_cb), &n_declined);
  g_signal_connect (tool, "call", G_CALLBACK (answer_cb), &n_answered);
  result = invoke (tool, "{\"zone\":\"Europe/Paris\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "zone=Europe/Paris");
  g_assert_cmpuint (n_declined, ==, 1);
  g_assert_cmpuint (n_answered, ==, 1);

  /* Empty arguments are an empty object. */
  g_clear_pointer (&result, g_free);
  result = invoke (tool, "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "zone=none");
  g_clear_pointer (&result, g_free);
  result = invoke (tool, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "zone=none");

  /* Arguments that are not an object never reach the handlers. */
  g_assert_null (invoke (tool, "[1,2]", &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  g_assert_null (invoke (tool, "{\"zone\":", &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (n_answered, ==, 3);
}

/* A subclass with its own invoke, answering from an idle. */
#define TEST_TYPE_ECHO_TOOL (test_echo_tool_get_type ())
G_DECLARE_FINAL_TYPE (TestEchoTool, test_echo_tool, TEST, ECHO_TOOL, MistralFunctionTool)

struct _TestEchoTool
{
  MistralFunctionTool parent_instance;
};

G_DEFINE_FINAL_TYPE (TestEchoTool, test_echo_tool, MISTRAL_TYPE_FUNCTION_TOOL)

static gboolean
echo_idle (gpointer task)
{
  g_task_return_pointer (task, g_strdup_printf ("echo %s", (char *) g_task_get_task_data (task)), g_free);
  return G_SOURCE_REMOVE;
}

static void
test_echo_tool_invoke_async (MistralFunctionTool *tool,
                             const char          *arguments,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (tool, cancellable, callback, user_data);

  g_task_set_task_data (task, g_strdup (arguments), g_free);
  g_idle_add_full (G_PRIORITY_DEFAULT, echo_idle, task, g_object_unref);
}

static char *
test_echo_tool_invoke_finish (MistralFunctionTool  *tool,
                              GAsyncResult         *result,
                              GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_echo_tool_class_init (TestEchoToolClass *klass)
{
  MISTRAL_FUNCTION_TOOL_CLASS (klass)->invoke_async = test_echo_tool_invoke_async;
  MISTRAL_FUNCTION_TOOL_CLASS (klass)->invoke_finish = test_echo_tool_invoke_finish;
}

static void
test_echo_tool_init (TestEchoTool *self)
{
}

static void
test_subclass (void)
{
  g_autoptr(MistralFunctionTool) tool = g_object_new (TEST_TYPE_ECHO_TOOL, "name", "echo", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  guint n_calls = 0;

  /* Its invoke replaces the call signal. */
  g_signal_connect (tool, "call", G_CALLBACK (answer_cb), &n_calls);
  result = invoke (tool, "not even JSON", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "echo not even JSON");
  g_assert_cmpuint (n_calls, ==, 0);
  g_assert_cmpstr (mistral_function_tool_get_name (tool), ==, "echo");
}

/* call-async ------------------------------------------------------------- */

typedef struct {
  MistralToolInvocation *kept;
  guint n_calls;
  gboolean take;
} AsyncHandler;

static gboolean
keep_invocation_cb (MistralFunctionTool   *tool,
                    MistralToolInvocation *invocation,
                    AsyncHandler          *handler)
{
  handler->n_calls++;
  if (handler->take)
    g_set_object (&handler->kept, invocation);
  return handler->take;
}

static gboolean
answer_later_cb (gpointer invocation)
{
  mistral_tool_invocation_return_value (invocation, "later");
  mistral_tool_invocation_return_value (invocation, "too late");
  return G_SOURCE_REMOVE;
}

static gboolean
fail_later_cb (gpointer invocation)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No such city");

  mistral_tool_invocation_return_error (invocation, error);
  return G_SOURCE_REMOVE;
}

static void
test_call_async (void)
{
  g_autoptr(MistralFunctionTool) tool = mistral_function_tool_new ("get_time", NULL, NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AsyncHandler handler = { NULL, 0, TRUE };
  guint n_answered = 0, n_resolved = 0;
  JsonObject *arguments;

  g_signal_connect (tool, "call-async", G_CALLBACK (keep_invocation_cb), &handler);
  g_signal_connect (tool, "call", G_CALLBACK (answer_cb), &n_answered);

  /* Taken in charge: nothing answers until the handler does, later; the
   * first answer counts; call is not emitted. */
  mistral_function_tool_invoke_async (tool, "{\"zone\":\"UTC\"}", cancellable, test_async_result_cb, &result);
  g_assert_cmpuint (handler.n_calls, ==, 1);
  g_assert_nonnull (handler.kept);
  g_assert_true (mistral_tool_invocation_get_tool (handler.kept) == tool);
  g_assert_cmpstr (mistral_tool_invocation_get_arguments (handler.kept), ==, "{\"zone\":\"UTC\"}");
  arguments = mistral_tool_invocation_get_arguments_object (handler.kept);
  g_assert_cmpstr (json_object_get_string_member (arguments, "zone"), ==, "UTC");
  g_assert_true (mistral_tool_invocation_get_cancellable (handler.kept) == cancellable);
  g_assert_false (mistral_tool_invocation_get_resolved (handler.kept));
  g_signal_connect_swapped (handler.kept, "notify::resolved", G_CALLBACK (count_notify), &n_resolved);
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (result);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 20, answer_later_cb, g_object_ref (handler.kept), g_object_unref);
  text = mistral_function_tool_invoke_finish (tool, test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "later");
  g_assert_true (mistral_tool_invocation_get_resolved (handler.kept));
  g_assert_null (mistral_tool_invocation_get_tool (handler.kept));
  g_assert_cmpuint (n_resolved, ==, 1);
  g_assert_cmpuint (n_answered, ==, 0);
  g_clear_object (&handler.kept);
  g_clear_object (&result);

  /* An error answered later is the invoke's error. */
  mistral_function_tool_invoke_async (tool, NULL, NULL, test_async_result_cb, &result);
  g_assert_cmpstr (mistral_tool_invocation_get_arguments (handler.kept), ==, "{}");
  g_timeout_add_full (G_PRIORITY_DEFAULT, 20, fail_later_cb, g_steal_pointer (&handler.kept), g_object_unref);
  g_assert_null (mistral_function_tool_invoke_finish (tool, test_wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such city");
  g_clear_error (&error);
  g_clear_object (&result);

  /* Dropped without an answer: the invoke still ends, with an error. */
  mistral_function_tool_invoke_async (tool, "{}", NULL, test_async_result_cb, &result);
  g_clear_object (&handler.kept);
  g_assert_null (mistral_function_tool_invoke_finish (tool, test_wait_result (&result), &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "The tool get_time dropped its call without an answer");
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancelled while pending: it answers G_IO_ERROR_CANCELLED by itself;
   * the handler's answer after that is ignored. */
  n_resolved = 0;
  mistral_function_tool_invoke_async (tool, "{}", cancellable, test_async_result_cb, &result);
  g_signal_connect_swapped (handler.kept, "notify::resolved", G_CALLBACK (count_notify), &n_resolved);
  g_cancellable_cancel (cancellable);
  g_assert_null (mistral_function_tool_invoke_finish (tool, test_wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (mistral_tool_invocation_get_resolved (handler.kept));
  mistral_tool_invocation_return_value (handler.kept, "too late");
  g_assert_cmpuint (n_resolved, ==, 1);
  g_clear_error (&error);
  g_clear_object (&result);
  g_clear_object (&handler.kept);

  /* A handler that returns FALSE lets call answer; bad arguments reach
   * neither signal. */
  handler.take = FALSE;
  g_clear_object (&cancellable);
  text = (g_free (text), invoke (tool, "{\"zone\":\"CET\"}", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "zone=CET");
  g_assert_cmpuint (handler.n_calls, ==, 5);
  g_assert_null (invoke (tool, "[1]", &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (handler.n_calls, ==, 5);
  g_assert_cmpuint (n_answered, ==, 1);
}

/* A subclass answering through the call_async class handler, from an idle. */
#define TEST_TYPE_LATER_TOOL (test_later_tool_get_type ())
G_DECLARE_FINAL_TYPE (TestLaterTool, test_later_tool, TEST, LATER_TOOL, MistralFunctionTool)

struct _TestLaterTool
{
  MistralFunctionTool parent_instance;
};

G_DEFINE_FINAL_TYPE (TestLaterTool, test_later_tool, MISTRAL_TYPE_FUNCTION_TOOL)

static gboolean
later_idle (gpointer invocation)
{
  g_autofree char *answer = g_strdup_printf ("later %s", mistral_tool_invocation_get_arguments (invocation));

  mistral_tool_invocation_return_value (invocation, answer);
  return G_SOURCE_REMOVE;
}

static gboolean
test_later_tool_call_async (MistralFunctionTool   *tool,
                            MistralToolInvocation *invocation)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, later_idle, g_object_ref (invocation), g_object_unref);
  return TRUE;
}

static void
test_later_tool_class_init (TestLaterToolClass *klass)
{
  MISTRAL_FUNCTION_TOOL_CLASS (klass)->call_async = test_later_tool_call_async;
}

static void
test_later_tool_init (TestLaterTool *self)
{
}

static void
test_call_async_subclass (void)
{
  g_autoptr(MistralFunctionTool) tool = g_object_new (TEST_TYPE_LATER_TOOL, "name", "later", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  guint n_calls = 0;

  g_signal_connect (tool, "call", G_CALLBACK (answer_cb), &n_calls);
  result = invoke (tool, "{\"a\":1}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "later {\"a\":1}");
  g_assert_cmpuint (n_calls, ==, 0);
}

static void
test_approval (void)
{
  g_autoptr(MistralFunctionTool) tool = mistral_function_tool_new ("get_time", NULL, NULL, NULL);
  g_autoptr(MistralToolCall) call = mistral_tool_call_new ("call_1", "get_time", "{}");
  g_autoptr(MistralToolCallApproval) yes = mistral_tool_call_approval_new (call, tool);
  g_autoptr(MistralToolCallApproval) no = mistral_tool_call_approval_new (call, tool);
  g_autoptr(MistralToolCallApproval) plain_no = mistral_tool_call_approval_new (call, tool);
  guint n_resolved = 0;

  g_assert_true (mistral_tool_call_approval_get_tool_call (yes) == call);
  g_assert_true (mistral_tool_call_approval_get_tool (yes) == tool);
  g_assert_false (mistral_tool_call_approval_get_resolved (yes));
  g_assert_false (mistral_tool_call_approval_get_approved (yes));

  g_signal_connect_swapped (yes, "notify::resolved", G_CALLBACK (count_notify), &n_resolved);
  mistral_tool_call_approval_approve (yes);
  mistral_tool_call_approval_deny (yes, "Too late");
  g_assert_true (mistral_tool_call_approval_get_resolved (yes));
  g_assert_true (mistral_tool_call_approval_get_approved (yes));
  g_assert_null (mistral_tool_call_approval_get_reason (yes));
  g_assert_cmpuint (n_resolved, ==, 1);

  mistral_tool_call_approval_deny (no, "Not now.");
  mistral_tool_call_approval_approve (no);
  g_assert_true (mistral_tool_call_approval_get_resolved (no));
  g_assert_false (mistral_tool_call_approval_get_approved (no));
  g_assert_cmpstr (mistral_tool_call_approval_get_reason (no), ==, "Not now.");

  mistral_tool_call_approval_deny (plain_no, NULL);
  g_assert_cmpstr (mistral_tool_call_approval_get_reason (plain_no), ==, "The user declined this tool call.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/function-tool/definition", test_definition);
  g_test_add_func ("/function-tool/call-signal", test_call_signal);
  g_test_add_func ("/function-tool/subclass", test_subclass);
  g_test_add_func ("/function-tool/call-async", test_call_async);
  g_test_add_func ("/function-tool/call-async-subclass", test_call_async_subclass);
  g_test_add_func ("/function-tool/approval", test_approval);

  return g_test_run ();
}
