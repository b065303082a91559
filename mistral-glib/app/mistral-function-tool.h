// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mistral-tool.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

typedef struct _MistralToolInvocation MistralToolInvocation;

#define MISTRAL_TYPE_FUNCTION_TOOL (mistral_function_tool_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (MistralFunctionTool, mistral_function_tool, MISTRAL, FUNCTION_TOOL, GObject)

/**
 * MistralFunctionToolClass:
 * @parent_class: the parent class
 * @invoke_async: runs the tool with the model's arguments (a JSON text);
 *   the default emits [signal@Mistral.FunctionTool::call]
 * @invoke_finish: finishes @invoke_async: the result for the model, or
 *   %NULL with an error
 * @call: the class handler of [signal@Mistral.FunctionTool::call]
 * @call_async: the class handler of [signal@Mistral.FunctionTool::call-async]
 *
 * The class of a [class@Mistral.FunctionTool]. A subclass overrides
 * @call_async (answering its [class@Mistral.ToolInvocation] now or
 * later), or @invoke_async and @invoke_finish, for long work; or @call for
 * a plain synchronous answer.
 *
 * Since: 1.0
 */
struct _MistralFunctionToolClass
{
  GObjectClass parent_class;

  void   (*invoke_async)  (MistralFunctionTool  *self,
                           const char           *arguments,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data);
  char * (*invoke_finish) (MistralFunctionTool  *self,
                           GAsyncResult         *result,
                           GError              **error);
  char * (*call)          (MistralFunctionTool  *self,
                           JsonObject           *arguments);
  gboolean (*call_async)  (MistralFunctionTool   *self,
                           MistralToolInvocation *invocation);

  /*< private >*/
  gpointer padding[7];
};

MISTRAL_AVAILABLE_IN_1_0
MistralFunctionTool *mistral_function_tool_new             (const char           *name,
                                                            const char           *description,
                                                            const char           *parameters,
                                                            GError              **error);
MISTRAL_AVAILABLE_IN_1_0
MistralTool         *mistral_function_tool_get_definition  (MistralFunctionTool  *self);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_function_tool_get_name        (MistralFunctionTool  *self);
MISTRAL_AVAILABLE_IN_1_0
void                 mistral_function_tool_set_name        (MistralFunctionTool  *self,
                                                            const char           *name);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_function_tool_get_description (MistralFunctionTool  *self);
MISTRAL_AVAILABLE_IN_1_0
void                 mistral_function_tool_set_description (MistralFunctionTool  *self,
                                                            const char           *description);
MISTRAL_AVAILABLE_IN_1_0
JsonNode            *mistral_function_tool_get_parameters  (MistralFunctionTool  *self);
MISTRAL_AVAILABLE_IN_1_0
void                 mistral_function_tool_set_parameters  (MistralFunctionTool  *self,
                                                            JsonNode             *parameters);
MISTRAL_AVAILABLE_IN_1_0
void                 mistral_function_tool_invoke_async    (MistralFunctionTool  *self,
                                                            const char           *arguments,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
char                *mistral_function_tool_invoke_finish   (MistralFunctionTool  *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
