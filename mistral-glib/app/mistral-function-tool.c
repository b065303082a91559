// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Built on the library's public API only, as an application would be. */
#include <mistral-glib.h>

/**
 * MistralFunctionTool:
 *
 * A function the model may call, and the code that answers it: a
 * [class@Mistral.Tool] that runs.
 *
 * A function tool holds its [class@Mistral.Tool] definition (the name,
 * description and JSON schema of parameters sent to the model, see
 * [property@Mistral.FunctionTool:definition]) and answers a call in one of
 * three ways:
 *
 * - a handler of the [signal@Mistral.FunctionTool::call] signal gets the
 *   arguments as a [struct@Json.Object] and returns the result text at
 *   once: the way for a quick answer, in any language;
 * - a handler of [signal@Mistral.FunctionTool::call-async] (or a subclass's
 *   `call_async` class handler) gets a [class@Mistral.ToolInvocation],
 *   keeps it, returns %TRUE, and answers it later: the way for long work
 *   (a download, a D-Bus call, a dialog) that must not block the main
 *   loop, in any language, GJS included;
 * - a subclass overrides the `invoke_async`/`invoke_finish` virtual
 *   functions (C, Vala, Python); it gets the arguments as the JSON text
 *   the model sent and a [class@Gio.Cancellable] that is cancelled when the
 *   conversation's send is.
 *
 * The default `invoke_async` parses the arguments (an empty text is `{}`;
 * anything that is not a JSON object fails with
 * %MISTRAL_ERROR_INVALID_RESPONSE), emits `call-async` with an invocation,
 * and, when no handler takes it, emits `call`; no handler, or a handler
 * that returns %NULL, fails with %MISTRAL_ERROR_FAILED. A
 * [class@Mistral.Conversation] turns any failure into the tool message the
 * model reads, never into a failed send.
 *
 * ## Usage
 *
 * ```c
 * static char *
 * on_call (MistralFunctionTool *tool,
 *          JsonObject          *arguments,
 *          gpointer             user_data)
 * {
 *   const char *city = json_object_get_string_member_with_default (arguments, "city", "Paris");
 *
 *   return g_strdup_printf ("{\"city\": \"%s\", \"temperature\": 21}", city);
 * }
 *
 * g_autoptr(MistralFunctionTool) tool =
 *   mistral_function_tool_new ("get_weather", "The weather in a city now",
 *                              "{\"type\": \"object\", \"properties\": "
 *                              "{\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}",
 *                              NULL);
 * g_signal_connect (tool, "call", G_CALLBACK (on_call), NULL);
 * mistral_conversation_add_tool (conversation, tool);
 * ```
 *
 * Since: 1.0
 */

typedef struct
{
  MistralTool *definition;
} MistralFunctionToolPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MistralFunctionTool, mistral_function_tool, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_PARAMETERS,
  PROP_DEFINITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CALL,
  SIGNAL_CALL_ASYNC,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define FUNCTION_TOOL_EMPTY_SCHEMA "{\"type\": \"object\", \"properties\": {}}"

/* The definition is the one place the name, description and schema live:
 * a change made through it is notified here too. */
static void
function_tool_definition_notify_cb (GObject             *definition,
                                    GParamSpec          *pspec,
                                    MistralFunctionTool *self)
{
  GParamSpec *own = g_object_class_find_property (G_OBJECT_GET_CLASS (self), pspec->name);

  if (own != NULL && own != properties[PROP_DEFINITION])
    g_object_notify_by_pspec (G_OBJECT (self), own);
}

static void
mistral_function_tool_dispose (GObject *object)
{
  MistralFunctionTool *self = MISTRAL_FUNCTION_TOOL (object);
  MistralFunctionToolPrivate *priv = mistral_function_tool_get_instance_private (self);

  if (priv->definition != NULL)
    g_signal_handlers_disconnect_by_func (priv->definition, function_tool_definition_notify_cb, self);
  g_clear_object (&priv->definition);

  G_OBJECT_CLASS (mistral_function_tool_parent_class)->dispose (object);
}

static void
mistral_function_tool_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MistralFunctionTool *self = MISTRAL_FUNCTION_TOOL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, mistral_function_tool_get_name (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, mistral_function_tool_get_description (self));
      break;
    case PROP_PARAMETERS:
      g_value_set_boxed (value, mistral_function_tool_get_parameters (self));
      break;
    case PROP_DEFINITION:
      g_value_set_object (value, mistral_function_tool_get_definition (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_function_tool_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MistralFunctionTool *self = MISTRAL_FUNCTION_TOOL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      mistral_function_tool_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      mistral_function_tool_set_description (self, g_value_get_string (value));
      break;
    case PROP_PARAMETERS:
      /* A construct property: NULL keeps the empty schema of init. */
      if (g_value_get_boxed (value) != NULL)
        mistral_function_tool_set_parameters (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void mistral_function_tool_real_invoke_async (MistralFunctionTool *self,
                                                     const char          *arguments,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);

/* A task that fails at once, before any handler runs. */
static void
function_tool_refuse (MistralFunctionTool *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data,
                      GError              *error)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mistral_function_tool_real_invoke_async);
  g_task_return_error (task, error);
}

/* The default invoke: the arguments checked, then an invocation for
 * call-async; when no handler takes it, the call signal answers it. */
static void
mistral_function_tool_real_invoke_async (MistralFunctionTool *self,
                                         const char          *arguments,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralToolInvocation) invocation = NULL;
  JsonNode *root;
  gboolean handled = FALSE;
  char *result = NULL;

  if (arguments == NULL || *arguments == '\0')
    arguments = "{}";
  if (!json_parser_load_from_data (parser, arguments, -1, &error))
    {
      function_tool_refuse (self, cancellable, callback, user_data,
                            g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                                         "The arguments of %s are not JSON: %s",
                                         mistral_function_tool_get_name (self), error->message));
      return;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      function_tool_refuse (self, cancellable, callback, user_data,
                            g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                                         "The arguments of %s are not a JSON object",
                                         mistral_function_tool_get_name (self)));
      return;
    }

  invocation = mistral_tool_invocation_new (self, arguments, cancellable, callback, user_data);
  g_signal_emit (self, signals[SIGNAL_CALL_ASYNC], 0, invocation, &handled);
  /* Taken in charge: answered now, later, or (dropped) by its dispose. */
  if (handled)
    return;

  g_signal_emit (self, signals[SIGNAL_CALL], 0, json_node_get_object (root), &result);
  if (result == NULL)
    {
      g_autoptr(GError) no_result = g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_FAILED,
                                                 "The tool %s gave no result",
                                                 mistral_function_tool_get_name (self));

      mistral_tool_invocation_return_error (invocation, no_result);
    }
  else
    mistral_tool_invocation_return_value (invocation, result);
  g_free (result);
}

static char *
mistral_function_tool_real_invoke_finish (MistralFunctionTool  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The first handler that answers wins; a NULL lets the next one try. */
static gboolean
function_tool_first_answer (GSignalInvocationHint *ihint,
                            GValue                *return_accu,
                            const GValue          *handler_return,
                            gpointer               data)
{
  const char *answer = g_value_get_string (handler_return);

  if (answer == NULL)
    return TRUE;
  g_value_set_string (return_accu, answer);
  return FALSE;
}

static void
mistral_function_tool_class_init (MistralFunctionToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mistral_function_tool_dispose;
  object_class->get_property = mistral_function_tool_get_property;
  object_class->set_property = mistral_function_tool_set_property;

  klass->invoke_async = mistral_function_tool_real_invoke_async;
  klass->invoke_finish = mistral_function_tool_real_invoke_finish;

  /**
   * MistralFunctionTool:name: (getter get_name) (setter set_name)
   *
   * The name of the function, as the model calls it: the definition's
   * [property@Mistral.Tool:name].
   *
   * Since: 1.0
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralFunctionTool:description: (getter get_description) (setter set_description)
   *
   * What the function does, for the model: the definition's
   * [property@Mistral.Tool:description].
   *
   * Since: 1.0
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralFunctionTool:parameters: (getter get_parameters) (setter set_parameters)
   *
   * The JSON schema of the function's arguments: the definition's
   * [property@Mistral.Tool:parameters]. It is an object schema with no
   * properties until set.
   *
   * Since: 1.0
   */
  properties[PROP_PARAMETERS] =
    g_param_spec_boxed ("parameters", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralFunctionTool:definition: (getter get_definition)
   *
   * The [class@Mistral.Tool] sent to the model in each request's `tools`.
   * It is the tool's own object for its lifetime: setting its name,
   * description or parameters changes (and notifies) this tool's too.
   *
   * Since: 1.0
   */
  properties[PROP_DEFINITION] =
    g_param_spec_object ("definition", NULL, NULL, MISTRAL_TYPE_TOOL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MistralFunctionTool::call:
   * @self: the tool
   * @arguments: the arguments the model gave, a JSON object
   *
   * Emitted by the default `invoke_async` to answer a call, on the
   * thread-default main context of the conversation. The first handler
   * that returns a string gives the result the model reads (usually JSON,
   * any text will do).
   *
   * Returns: (transfer full) (nullable): the result, or %NULL to let the
   *   next handler answer (when none does, the call fails)
   *
   * Since: 1.0
   */
  signals[SIGNAL_CALL] =
    g_signal_new ("call", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (MistralFunctionToolClass, call),
                  function_tool_first_answer, NULL, NULL,
                  G_TYPE_STRING, 1, JSON_TYPE_OBJECT);

  /**
   * MistralFunctionTool::call-async:
   * @self: the tool
   * @invocation: the call, to answer now or later
   *
   * Emitted by the default `invoke_async` for each call, before
   * [signal@Mistral.FunctionTool::call], on the thread-default main context
   * of the conversation. A handler that returns %TRUE takes the call in
   * charge: it keeps a reference to @invocation and answers it, now or
   * later, with [method@Mistral.ToolInvocation.return_value] or
   * [method@Mistral.ToolInvocation.return_error]; the main loop runs
   * meanwhile. When no handler returns %TRUE, `call` answers.
   *
   * It is the way for long work from any language: GJS, which cannot
   * override `invoke_async`, connects to it or overrides its class handler
   * (`vfunc_call_async`).
   *
   * Returns: %TRUE if the handler answers @invocation (now or later)
   *
   * Since: 1.0
   */
  signals[SIGNAL_CALL_ASYNC] =
    g_signal_new ("call-async", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (MistralFunctionToolClass, call_async),
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, MISTRAL_TYPE_TOOL_INVOCATION);
}

static void
mistral_function_tool_init (MistralFunctionTool *self)
{
  MistralFunctionToolPrivate *priv = mistral_function_tool_get_instance_private (self);

  priv->definition = g_object_new (MISTRAL_TYPE_TOOL, NULL);
  mistral_tool_set_parameters_from_string (priv->definition, FUNCTION_TOOL_EMPTY_SCHEMA, NULL);
  g_signal_connect (priv->definition, "notify",
                    G_CALLBACK (function_tool_definition_notify_cb), self);
}

/**
 * mistral_function_tool_new:
 * @name: the name of the function (letters, digits, `_` and `-`)
 * @description: (nullable): what it does, for the model
 * @parameters: (nullable): the JSON schema of its arguments, as text, or
 *   %NULL for a function without arguments
 * @error: return location for a #GError
 *
 * Creates a function tool. Connect to [signal@Mistral.FunctionTool::call]
 * to answer its calls.
 *
 * Returns: (transfer full): a new tool, or %NULL with
 *   %MISTRAL_ERROR_INVALID_REQUEST when @parameters is not a JSON object
 *
 * Since: 1.0
 */
MistralFunctionTool *
mistral_function_tool_new (const char  *name,
                           const char  *description,
                           const char  *parameters,
                           GError     **error)
{
  g_autoptr(MistralFunctionTool) self = NULL;
  MistralFunctionToolPrivate *priv;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MISTRAL_TYPE_FUNCTION_TOOL, "name", name, "description", description, NULL);
  priv = mistral_function_tool_get_instance_private (self);
  if (parameters != NULL && !mistral_tool_set_parameters_from_string (priv->definition, parameters, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * mistral_function_tool_get_definition: (get-property definition)
 * @self: a function tool
 *
 * Gets the definition sent to the model.
 *
 * Returns: (transfer none): the definition
 *
 * Since: 1.0
 */
MistralTool *
mistral_function_tool_get_definition (MistralFunctionTool *self)
{
  MistralFunctionToolPrivate *priv;

  g_return_val_if_fail (MISTRAL_IS_FUNCTION_TOOL (self), NULL);

  priv = mistral_function_tool_get_instance_private (self);
  return priv->definition;
}

/**
 * mistral_function_tool_get_name: (get-property name)
 * @self: a function tool
 *
 * Gets the name of the function.
 *
 * Returns: (nullable): the name
 *
 * Since: 1.0
 */
const char *
mistral_function_tool_get_name (MistralFunctionTool *self)
{
  g_return_val_if_fail (MISTRAL_IS_FUNCTION_TOOL (self), NULL);

  return mistral_tool_get_name (mistral_function_tool_get_definition (self));
}

/**
 * mistral_function_tool_set_name: (set-property name)
 * @self: a function tool
 * @name: (nullable): the name
 *
 * Sets the name of the function.
 *
 * Since: 1.0
 */
void
mistral_function_tool_set_name (MistralFunctionTool *self,
                                const char          *name)
{
  g_return_if_fail (MISTRAL_IS_FUNCTION_TOOL (self));

  mistral_tool_set_name (mistral_function_tool_get_definition (self), name);
}

/**
 * mistral_function_tool_get_description: (get-property description)
 * @self: a function tool
 *
 * Gets what the function does.
 *
 * Returns: (nullable): the description
 *
 * Since: 1.0
 */
const char *
mistral_function_tool_get_description (MistralFunctionTool *self)
{
  g_return_val_if_fail (MISTRAL_IS_FUNCTION_TOOL (self), NULL);

  return mistral_tool_get_description (mistral_function_tool_get_definition (self));
}

/**
 * mistral_function_tool_set_description: (set-property description)
 * @self: a function tool
 * @description: (nullable): the description
 *
 * Sets what the function does, for the model.
 *
 * Since: 1.0
 */
void
mistral_function_tool_set_description (MistralFunctionTool *self,
                                       const char          *description)
{
  g_return_if_fail (MISTRAL_IS_FUNCTION_TOOL (self));

  mistral_tool_set_description (mistral_function_tool_get_definition (self), description);
}

/**
 * mistral_function_tool_get_parameters: (get-property parameters)
 * @self: a function tool
 *
 * Gets the JSON schema of the function's arguments.
 *
 * Returns: (transfer none) (nullable): the schema
 *
 * Since: 1.0
 */
JsonNode *
mistral_function_tool_get_parameters (MistralFunctionTool *self)
{
  g_return_val_if_fail (MISTRAL_IS_FUNCTION_TOOL (self), NULL);

  return mistral_tool_get_parameters (mistral_function_tool_get_definition (self));
}

/**
 * mistral_function_tool_set_parameters: (set-property parameters)
 * @self: a function tool
 * @parameters: (nullable) (transfer none): the JSON schema of the
 *   arguments; it is copied
 *
 * Sets the JSON schema of the function's arguments.
 *
 * Since: 1.0
 */
void
mistral_function_tool_set_parameters (MistralFunctionTool *self,
                                      JsonNode            *parameters)
{
  g_return_if_fail (MISTRAL_IS_FUNCTION_TOOL (self));

  mistral_tool_set_parameters (mistral_function_tool_get_definition (self), parameters);
}

/**
 * mistral_function_tool_invoke_async: (virtual invoke_async)
 * @self: a function tool
 * @arguments: (nullable): the arguments, the JSON text the model sent
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the result
 * @user_data: data for @callback
 *
 * Runs the tool. A [class@Mistral.Conversation] calls it for each approved
 * tool call; an application may call it to test its tool.
 *
 * Since: 1.0
 */
void
mistral_function_tool_invoke_async (MistralFunctionTool *self,
                                    const char          *arguments,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MISTRAL_IS_FUNCTION_TOOL (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  MISTRAL_FUNCTION_TOOL_GET_CLASS (self)->invoke_async (self, arguments, cancellable, callback, user_data);
}

/**
 * mistral_function_tool_invoke_finish: (virtual invoke_finish)
 * @self: a function tool
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.FunctionTool.invoke_async].
 *
 * Returns: (transfer full): the result for the model, or %NULL with
 *   @error set
 *
 * Since: 1.0
 */
char *
mistral_function_tool_invoke_finish (MistralFunctionTool  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (MISTRAL_IS_FUNCTION_TOOL (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MISTRAL_FUNCTION_TOOL_GET_CLASS (self)->invoke_finish (self, result, error);
}
