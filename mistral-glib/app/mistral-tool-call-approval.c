// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Built on the library's public API only, as an application would be. */
#include <mistral-glib.h>

/**
 * MistralToolCallApproval:
 *
 * A tool call waiting for the application's yes or no.
 *
 * [signal@Mistral.Conversation::approve-tool-call] hands one to its
 * handler, which either answers at once, or keeps a reference and answers
 * later (after a confirmation dialog, say) with
 * [method@Mistral.ToolCallApproval.approve] or
 * [method@Mistral.ToolCallApproval.deny]. Only the first answer counts.
 * An approval whose send was cancelled meanwhile may still be answered:
 * the answer is then ignored.
 *
 * ## Usage
 *
 * ```c
 * static void
 * on_response (AdwAlertDialog          *dialog,
 *              const char              *response,
 *              MistralToolCallApproval *approval)
 * {
 *   if (g_strcmp0 (response, "run") == 0)
 *     mistral_tool_call_approval_approve (approval);
 *   else
 *     mistral_tool_call_approval_deny (approval, "The user said no.");
 *   g_object_unref (approval);
 * }
 *
 * static gboolean
 * on_approve_tool_call (MistralConversation     *conversation,
 *                       MistralToolCallApproval *approval,
 *                       gpointer                 user_data)
 * {
 *   AdwDialog *dialog = make_dialog (approval);   // the application's
 *
 *   g_signal_connect (dialog, "response", G_CALLBACK (on_response), g_object_ref (approval));
 *   adw_dialog_present (dialog, window);
 *   return TRUE;   // taken in charge: the conversation waits
 * }
 * ```
 *
 * Since: 1.0
 */

struct _MistralToolCallApproval
{
  GObject parent_instance;

  MistralToolCall *tool_call;
  MistralFunctionTool *tool;
  gboolean resolved;
  gboolean approved;
  char *reason;
};

G_DEFINE_FINAL_TYPE (MistralToolCallApproval, mistral_tool_call_approval, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOOL_CALL,
  PROP_TOOL,
  PROP_RESOLVED,
  PROP_APPROVED,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_tool_call_approval_finalize (GObject *object)
{
  MistralToolCallApproval *self = MISTRAL_TOOL_CALL_APPROVAL (object);

  g_clear_object (&self->tool_call);
  g_clear_object (&self->tool);
  g_free (self->reason);

  G_OBJECT_CLASS (mistral_tool_call_approval_parent_class)->finalize (object);
}

static void
mistral_tool_call_approval_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  MistralToolCallApproval *self = MISTRAL_TOOL_CALL_APPROVAL (object);

  switch (prop_id)
    {
    case PROP_TOOL_CALL:
      g_value_set_object (value, self->tool_call);
      break;
    case PROP_TOOL:
      g_value_set_object (value, self->tool);
      break;
    case PROP_RESOLVED:
      g_value_set_boolean (value, self->resolved);
      break;
    case PROP_APPROVED:
      g_value_set_boolean (value, self->approved);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_tool_call_approval_class_init (MistralToolCallApprovalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_tool_call_approval_finalize;
  object_class->get_property = mistral_tool_call_approval_get_property;

  /**
   * MistralToolCallApproval:tool-call: (getter get_tool_call)
   *
   * The call the model asks for: its function name and arguments.
   *
   * Since: 1.0
   */
  properties[PROP_TOOL_CALL] =
    g_param_spec_object ("tool-call", NULL, NULL, MISTRAL_TYPE_TOOL_CALL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralToolCallApproval:tool: (getter get_tool)
   *
   * The tool that would run.
   *
   * Since: 1.0
   */
  properties[PROP_TOOL] =
    g_param_spec_object ("tool", NULL, NULL, MISTRAL_TYPE_FUNCTION_TOOL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralToolCallApproval:resolved: (getter get_resolved)
   *
   * Whether the call was approved or denied; notified once, when it is.
   *
   * Since: 1.0
   */
  properties[PROP_RESOLVED] =
    g_param_spec_boolean ("resolved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralToolCallApproval:approved: (getter get_approved)
   *
   * Whether the call was approved (%FALSE until resolved).
   *
   * Since: 1.0
   */
  properties[PROP_APPROVED] =
    g_param_spec_boolean ("approved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralToolCallApproval:reason: (getter get_reason)
   *
   * Why the call was denied, as the model will read it, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_tool_call_approval_init (MistralToolCallApproval *self)
{
}

/**
 * mistral_tool_call_approval_new:
 * @tool_call: the call
 * @tool: the tool that would answer it
 *
 * Creates an approval, unresolved. A [class@Mistral.Conversation] makes
 * one per call; tests and custom loops may too.
 *
 * Returns: (transfer full): a new approval
 *
 * Since: 1.0
 */
MistralToolCallApproval *
mistral_tool_call_approval_new (MistralToolCall     *tool_call,
                                MistralFunctionTool *tool)
{
  MistralToolCallApproval *self;

  g_return_val_if_fail (MISTRAL_IS_TOOL_CALL (tool_call), NULL);
  g_return_val_if_fail (MISTRAL_IS_FUNCTION_TOOL (tool), NULL);

  self = g_object_new (MISTRAL_TYPE_TOOL_CALL_APPROVAL, NULL);
  self->tool_call = g_object_ref (tool_call);
  self->tool = g_object_ref (tool);
  return self;
}

/**
 * mistral_tool_call_approval_get_tool_call: (get-property tool-call)
 * @self: an approval
 *
 * Gets the call the model asks for.
 *
 * Returns: (transfer none): the tool call
 *
 * Since: 1.0
 */
MistralToolCall *
mistral_tool_call_approval_get_tool_call (MistralToolCallApproval *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_CALL_APPROVAL (self), NULL);

  return self->tool_call;
}

/**
 * mistral_tool_call_approval_get_tool: (get-property tool)
 * @self: an approval
 *
 * Gets the tool that would run.
 *
 * Returns: (transfer none): the tool
 *
 * Since: 1.0
 */
MistralFunctionTool *
mistral_tool_call_approval_get_tool (MistralToolCallApproval *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_CALL_APPROVAL (self), NULL);

  return self->tool;
}

/**
 * mistral_tool_call_approval_get_resolved: (get-property resolved)
 * @self: an approval
 *
 * Gets whether the call was approved or denied yet.
 *
 * Returns: %TRUE once resolved
 *
 * Since: 1.0
 */
gboolean
mistral_tool_call_approval_get_resolved (MistralToolCallApproval *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_CALL_APPROVAL (self), FALSE);

  return self->resolved;
}

/**
 * mistral_tool_call_approval_get_approved: (get-property approved)
 * @self: an approval
 *
 * Gets whether the call was approved.
 *
 * Returns: %TRUE if approved, %FALSE if denied or not resolved yet
 *
 * Since: 1.0
 */
gboolean
mistral_tool_call_approval_get_approved (MistralToolCallApproval *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_CALL_APPROVAL (self), FALSE);

  return self->approved;
}

/**
 * mistral_tool_call_approval_get_reason: (get-property reason)
 * @self: an approval
 *
 * Gets why the call was denied.
 *
 * Returns: (nullable): the reason, or %NULL
 *
 * Since: 1.0
 */
const char *
mistral_tool_call_approval_get_reason (MistralToolCallApproval *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_CALL_APPROVAL (self), NULL);

  return self->reason;
}

static void
approval_resolve (MistralToolCallApproval *self,
                  gboolean                 approved,
                  const char              *reason)
{
  if (self->resolved)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->approved = approved;
  self->reason = g_strdup (reason);
  self->resolved = TRUE;
  if (approved)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPROVED]);
  if (reason != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * mistral_tool_call_approval_approve:
 * @self: an approval
 *
 * Lets the tool run. Does nothing if @self was already resolved.
 *
 * Since: 1.0
 */
void
mistral_tool_call_approval_approve (MistralToolCallApproval *self)
{
  g_return_if_fail (MISTRAL_IS_TOOL_CALL_APPROVAL (self));

  approval_resolve (self, TRUE, NULL);
}

/**
 * mistral_tool_call_approval_deny:
 * @self: an approval
 * @reason: (nullable): why, for the model to read; %NULL says the user
 *   declined
 *
 * Refuses the call: the tool does not run, and the model is answered
 * with @reason as the call's result (a denial is not an error: the model
 * may go on without the tool). Does nothing if @self was already resolved.
 *
 * Since: 1.0
 */
void
mistral_tool_call_approval_deny (MistralToolCallApproval *self,
                                 const char              *reason)
{
  g_return_if_fail (MISTRAL_IS_TOOL_CALL_APPROVAL (self));

  approval_resolve (self, FALSE, reason != NULL ? reason : "The user declined this tool call.");
}
