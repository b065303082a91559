// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Built on the library's public API only, as an application would be. */
#include <mistral-glib.h>

/**
 * MistralToolInvocation:
 *
 * One call of a [class@Mistral.FunctionTool], to answer now or later.
 *
 * The default `invoke_async` of a function tool hands one to
 * [signal@Mistral.FunctionTool::call-async]. A handler that returns %TRUE
 * keeps a reference and answers when its work is done, from a timeout, an
 * idle, the callback of an asynchronous call, or another thread, with
 * [method@Mistral.ToolInvocation.return_value] or
 * [method@Mistral.ToolInvocation.return_error]: the main loop never waits
 * for it. It is the way for long work in every language, GJS included,
 * which cannot override a virtual function that takes a callback.
 *
 * Only the first answer counts. When the invocation's
 * [property@Mistral.ToolInvocation:cancellable] is cancelled before an
 * answer, the invocation answers %G_IO_ERROR_CANCELLED by itself (from
 * the main context it was made in), and a later answer is ignored; when
 * the last reference is dropped without an answer, it answers
 * %MISTRAL_ERROR_FAILED. So the invoke always ends.
 *
 * ## Usage
 *
 * ```c
 * static gboolean
 * answer_later_cb (gpointer user_data)
 * {
 *   MistralToolInvocation *invocation = user_data;
 *
 *   mistral_tool_invocation_return_value (invocation, "{\"sky\": \"clear\"}");
 *   return G_SOURCE_REMOVE;
 * }
 *
 * static gboolean
 * on_call_async (MistralFunctionTool   *tool,
 *                MistralToolInvocation *invocation,
 *                gpointer               user_data)
 * {
 *   g_timeout_add_full (G_PRIORITY_DEFAULT, 100, answer_later_cb,
 *                       g_object_ref (invocation), g_object_unref);
 *   return TRUE;   // answered later
 * }
 *
 * g_signal_connect (tool, "call-async", G_CALLBACK (on_call_async), NULL);
 * ```
 *
 * Since: 1.0
 */

struct _MistralToolInvocation
{
  GObject parent_instance;

  GTask *task;                 /* NULL once answered */
  char *arguments;
  JsonObject *arguments_object;
  GCancellable *cancellable;
  gulong cancelled_id;
  GMainContext *context;
  gint resolved;               /* atomic: the first answer wins */
};

G_DEFINE_FINAL_TYPE (MistralToolInvocation, mistral_tool_invocation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOOL,
  PROP_ARGUMENTS,
  PROP_CANCELLABLE,
  PROP_RESOLVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Takes @result (a string) or @error; FALSE if it came too late. */
static gboolean
invocation_resolve (MistralToolInvocation *self,
                    const char            *result,
                    GError                *error)
{
  g_autoptr(GTask) task = NULL;

  if (!g_atomic_int_compare_and_exchange (&self->resolved, FALSE, TRUE))
    {
      g_clear_error (&error);
      return FALSE;
    }

  task = g_steal_pointer (&self->task);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (result), g_free);
  return TRUE;
}

static gboolean
invocation_cancelled_idle (gpointer user_data)
{
  MistralToolInvocation *self = user_data;

  if (invocation_resolve (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                           "Operation was cancelled")))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED]);
  return G_SOURCE_REMOVE;
}

/* Any thread: the answer comes from the invocation's context. */
static void
invocation_cancelled_cb (GCancellable          *cancellable,
                         MistralToolInvocation *self)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, invocation_cancelled_idle, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[mistral] tool invocation cancel");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static void
mistral_tool_invocation_dispose (GObject *object)
{
  MistralToolInvocation *self = MISTRAL_TOOL_INVOCATION (object);

  /* Nobody can answer any more: the invoke must still end. */
  if (self->task != NULL)
    invocation_resolve (self, NULL,
                        g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_FAILED,
                                     "The tool %s dropped its call without an answer",
                                     mistral_function_tool_get_name (g_task_get_source_object (self->task))));
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;

  G_OBJECT_CLASS (mistral_tool_invocation_parent_class)->dispose (object);
}

static void
mistral_tool_invocation_finalize (GObject *object)
{
  MistralToolInvocation *self = MISTRAL_TOOL_INVOCATION (object);

  g_free (self->arguments);
  g_clear_pointer (&self->arguments_object, json_object_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (mistral_tool_invocation_parent_class)->finalize (object);
}

static void
mistral_tool_invocation_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MistralToolInvocation *self = MISTRAL_TOOL_INVOCATION (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_object (value, mistral_tool_invocation_get_tool (self));
      break;
    case PROP_ARGUMENTS:
      g_value_set_string (value, self->arguments);
      break;
    case PROP_CANCELLABLE:
      g_value_set_object (value, self->cancellable);
      break;
    case PROP_RESOLVED:
      g_value_set_boolean (value, mistral_tool_invocation_get_resolved (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_tool_invocation_class_init (MistralToolInvocationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mistral_tool_invocation_dispose;
  object_class->finalize = mistral_tool_invocation_finalize;
  object_class->get_property = mistral_tool_invocation_get_property;

  /**
   * MistralToolInvocation:tool: (getter get_tool)
   *
   * The tool that is called; %NULL once answered.
   *
   * Since: 1.0
   */
  properties[PROP_TOOL] =
    g_param_spec_object ("tool", NULL, NULL, MISTRAL_TYPE_FUNCTION_TOOL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralToolInvocation:arguments: (getter get_arguments)
   *
   * The arguments, the JSON text the model sent (`{}` when it sent none).
   *
   * Since: 1.0
   */
  properties[PROP_ARGUMENTS] =
    g_param_spec_string ("arguments", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralToolInvocation:cancellable: (getter get_cancellable)
   *
   * Cancelled when the call is no longer wanted (the conversation's send
   * was cancelled): long work should stop. The invocation then answers
   * %G_IO_ERROR_CANCELLED by itself.
   *
   * Since: 1.0
   */
  properties[PROP_CANCELLABLE] =
    g_param_spec_object ("cancellable", NULL, NULL, G_TYPE_CANCELLABLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralToolInvocation:resolved: (getter get_resolved)
   *
   * Whether the call was answered (by a value, an error, or its cancel);
   * notified once, when it is, in the thread that answered.
   *
   * Since: 1.0
   */
  properties[PROP_RESOLVED] =
    g_param_spec_boolean ("resolved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_tool_invocation_init (MistralToolInvocation *self)
{
}

/**
 * mistral_tool_invocation_new:
 * @tool: the tool that is called
 * @arguments: (nullable): the arguments, the JSON text the model sent;
 *   %NULL or empty is `{}`
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once the invocation is answered, with
 *   @tool as its source: [method@Mistral.FunctionTool.invoke_finish]
 *   reads the answer
 * @user_data: data for @callback
 *
 * Creates an invocation of @tool. The default `invoke_async` of
 * [class@Mistral.FunctionTool] makes one for each call; a subclass that
 * overrides `invoke_async` may make one too (with its own callback and
 * data), and keep the default `invoke_finish`.
 *
 * Returns: (transfer full): a new invocation, not answered yet
 *
 * Since: 1.0
 */
MistralToolInvocation *
mistral_tool_invocation_new (MistralFunctionTool *tool,
                             const char          *arguments,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  MistralToolInvocation *self;

  g_return_val_if_fail (MISTRAL_IS_FUNCTION_TOOL (tool), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (MISTRAL_TYPE_TOOL_INVOCATION, NULL);
  self->task = g_task_new (tool, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, mistral_tool_invocation_new);
  self->arguments = g_strdup (arguments != NULL && *arguments != '\0' ? arguments : "{}");
  self->context = g_main_context_ref_thread_default ();
  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      /* Weak: the invocation lives as long as someone may answer it. */
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (invocation_cancelled_cb), self, NULL);
    }
  return self;
}

/**
 * mistral_tool_invocation_get_tool: (get-property tool)
 * @self: an invocation
 *
 * Gets the tool that is called.
 *
 * Returns: (transfer none) (nullable): the tool, or %NULL once answered
 *
 * Since: 1.0
 */
MistralFunctionTool *
mistral_tool_invocation_get_tool (MistralToolInvocation *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_INVOCATION (self), NULL);

  return self->task != NULL ? g_task_get_source_object (self->task) : NULL;
}

/**
 * mistral_tool_invocation_get_arguments: (get-property arguments)
 * @self: an invocation
 *
 * Gets the arguments as the model sent them.
 *
 * Returns: the JSON text of the arguments
 *
 * Since: 1.0
 */
const char *
mistral_tool_invocation_get_arguments (MistralToolInvocation *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_INVOCATION (self), NULL);

  return self->arguments;
}

/**
 * mistral_tool_invocation_get_arguments_object:
 * @self: an invocation
 *
 * Gets the arguments as a JSON object, parsed as
 * [func@Mistral.json_parse] parses untrusted JSON.
 *
 * Returns: (transfer none) (nullable): the arguments, or %NULL when they
 *   are not a JSON object (the default `invoke_async` refuses such calls
 *   before making an invocation)
 *
 * Since: 1.0
 */
JsonObject *
mistral_tool_invocation_get_arguments_object (MistralToolInvocation *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_INVOCATION (self), NULL);

  if (self->arguments_object == NULL)
    {
      g_autoptr(JsonNode) root = mistral_json_parse (self->arguments, -1, NULL);

      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        self->arguments_object = json_node_dup_object (root);
    }
  return self->arguments_object;
}

/**
 * mistral_tool_invocation_get_cancellable: (get-property cancellable)
 * @self: an invocation
 *
 * Gets the cancellable of the call.
 *
 * Returns: (transfer none) (nullable): the cancellable
 *
 * Since: 1.0
 */
GCancellable *
mistral_tool_invocation_get_cancellable (MistralToolInvocation *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_INVOCATION (self), NULL);

  return self->cancellable;
}

/**
 * mistral_tool_invocation_get_resolved: (get-property resolved)
 * @self: an invocation
 *
 * Gets whether the call was answered.
 *
 * Returns: %TRUE once answered
 *
 * Since: 1.0
 */
gboolean
mistral_tool_invocation_get_resolved (MistralToolInvocation *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_INVOCATION (self), FALSE);

  return g_atomic_int_get (&self->resolved);
}

/**
 * mistral_tool_invocation_return_value:
 * @self: an invocation
 * @result: the result for the model (usually JSON)
 *
 * Answers the call with @result. It may be called from any thread. Does
 * nothing if @self was already answered (or cancelled).
 *
 * Since: 1.0
 */
void
mistral_tool_invocation_return_value (MistralToolInvocation *self,
                                      const char            *result)
{
  g_return_if_fail (MISTRAL_IS_TOOL_INVOCATION (self));
  g_return_if_fail (result != NULL);

  if (invocation_resolve (self, result, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED]);
}

/**
 * mistral_tool_invocation_return_error:
 * @self: an invocation
 * @error: what went wrong; it is copied
 *
 * Answers the call with an error: a [class@Mistral.Conversation] tells the
 * model `Error: ` and @error's message. It may be called from any thread.
 * Does nothing if @self was already answered (or cancelled).
 *
 * Since: 1.0
 */
void
mistral_tool_invocation_return_error (MistralToolInvocation *self,
                                      const GError          *error)
{
  g_return_if_fail (MISTRAL_IS_TOOL_INVOCATION (self));
  g_return_if_fail (error != NULL);

  if (invocation_resolve (self, NULL, g_error_copy (error)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED]);
}
