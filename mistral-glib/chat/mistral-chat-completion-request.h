// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mistral-chat-message.h"
#include "mistral-response-format.h"
#include "mistral-tool.h"
#include "mistral-types.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_CHAT_COMPLETION_REQUEST (mistral_chat_completion_request_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralChatCompletionRequest, mistral_chat_completion_request, MISTRAL, CHAT_COMPLETION_REQUEST, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionRequest *mistral_chat_completion_request_new        (const char *model);
MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionRequest *mistral_chat_completion_request_new_stream (const char *model);

MISTRAL_AVAILABLE_IN_1_0
const char            *mistral_chat_completion_request_get_model             (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_model             (MistralChatCompletionRequest *self,
                                                                              const char                   *model);
MISTRAL_AVAILABLE_IN_1_0
GListModel            *mistral_chat_completion_request_get_messages          (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_add_message           (MistralChatCompletionRequest *self,
                                                                              MistralChatMessage           *message);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_remove_message        (MistralChatCompletionRequest *self,
                                                                              guint                         position);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_clear_messages        (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
GListModel            *mistral_chat_completion_request_get_tools             (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_add_tool              (MistralChatCompletionRequest *self,
                                                                              MistralTool                  *tool);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_tools             (MistralChatCompletionRequest *self,
                                                                              MistralTool                 **tools,
                                                                              guint                         n_tools);

MISTRAL_AVAILABLE_IN_1_0
int                    mistral_chat_completion_request_get_max_tokens        (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_max_tokens        (MistralChatCompletionRequest *self,
                                                                              int                           max_tokens);
MISTRAL_AVAILABLE_IN_1_0
double                 mistral_chat_completion_request_get_temperature       (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_temperature       (MistralChatCompletionRequest *self,
                                                                              double                        temperature);
MISTRAL_AVAILABLE_IN_1_0
double                 mistral_chat_completion_request_get_top_p             (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_top_p             (MistralChatCompletionRequest *self,
                                                                              double                        top_p);
MISTRAL_AVAILABLE_IN_1_0
double                 mistral_chat_completion_request_get_frequency_penalty (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_frequency_penalty (MistralChatCompletionRequest *self,
                                                                              double                        penalty);
MISTRAL_AVAILABLE_IN_1_0
double                 mistral_chat_completion_request_get_presence_penalty  (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_presence_penalty  (MistralChatCompletionRequest *self,
                                                                              double                        penalty);
MISTRAL_AVAILABLE_IN_1_0
int                    mistral_chat_completion_request_get_n                 (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_n                 (MistralChatCompletionRequest *self,
                                                                              int                           n);
MISTRAL_AVAILABLE_IN_1_0
gint64                 mistral_chat_completion_request_get_random_seed       (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_random_seed       (MistralChatCompletionRequest *self,
                                                                              gint64                        random_seed);
MISTRAL_AVAILABLE_IN_1_0
gboolean               mistral_chat_completion_request_get_parallel_tool_calls (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_parallel_tool_calls (MistralChatCompletionRequest *self,
                                                                                gboolean                      parallel_tool_calls);
MISTRAL_AVAILABLE_IN_1_0
gboolean               mistral_chat_completion_request_get_safe_prompt       (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_safe_prompt       (MistralChatCompletionRequest *self,
                                                                              gboolean                      safe_prompt);
MISTRAL_AVAILABLE_IN_1_0
const char            *mistral_chat_completion_request_get_prompt_mode       (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_prompt_mode       (MistralChatCompletionRequest *self,
                                                                              const char                   *prompt_mode);
MISTRAL_AVAILABLE_IN_1_0
const char * const    *mistral_chat_completion_request_get_stop              (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_stop              (MistralChatCompletionRequest *self,
                                                                              const char * const           *stop);
MISTRAL_AVAILABLE_IN_1_0
gboolean               mistral_chat_completion_request_get_stream            (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_streaming         (MistralChatCompletionRequest *self,
                                                                              gboolean                      stream);

MISTRAL_AVAILABLE_IN_1_0
MistralResponseFormat *mistral_chat_completion_request_get_response_format   (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_response_format   (MistralChatCompletionRequest *self,
                                                                              MistralResponseFormat        *format);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_response_text_format        (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_response_json_object_format (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_response_json_schema        (MistralChatCompletionRequest *self,
                                                                                        const char                   *name,
                                                                                        JsonNode                     *schema,
                                                                                        gboolean                      strict);
MISTRAL_AVAILABLE_IN_1_0
gboolean               mistral_chat_completion_request_set_response_json_schema_from_string (MistralChatCompletionRequest *self,
                                                                                             const char                   *name,
                                                                                             const char                   *schema,
                                                                                             gboolean                      strict,
                                                                                             GError                      **error);

MISTRAL_AVAILABLE_IN_1_0
MistralToolChoiceType  mistral_chat_completion_request_get_tool_choice          (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_tool_choice          (MistralChatCompletionRequest *self,
                                                                                 MistralToolChoiceType         tool_choice);
MISTRAL_AVAILABLE_IN_1_0
const char            *mistral_chat_completion_request_get_tool_choice_function (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_tool_choice_function (MistralChatCompletionRequest *self,
                                                                                 const char                   *function_name);

MISTRAL_AVAILABLE_IN_1_0
char                  *mistral_chat_completion_request_to_json (MistralChatCompletionRequest  *self,
                                                                GError                       **error);

MISTRAL_AVAILABLE_IN_1_0
MistralReasoningEffort mistral_chat_completion_request_get_reasoning_effort (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_reasoning_effort (MistralChatCompletionRequest *self,
                                                                             MistralReasoningEffort        reasoning_effort);
MISTRAL_AVAILABLE_IN_1_0
const char            *mistral_chat_completion_request_get_prompt_cache_key (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_prompt_cache_key (MistralChatCompletionRequest *self,
                                                                             const char                   *prompt_cache_key);
MISTRAL_AVAILABLE_IN_1_0
const char            *mistral_chat_completion_request_get_prediction       (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_prediction       (MistralChatCompletionRequest *self,
                                                                             const char                   *prediction);
MISTRAL_AVAILABLE_IN_1_0
JsonNode              *mistral_chat_completion_request_get_metadata         (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_metadata         (MistralChatCompletionRequest *self,
                                                                             JsonNode                     *metadata);
MISTRAL_AVAILABLE_IN_1_0
JsonNode              *mistral_chat_completion_request_get_guardrails       (MistralChatCompletionRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_chat_completion_request_set_guardrails       (MistralChatCompletionRequest *self,
                                                                             JsonNode                     *guardrails);

G_END_DECLS
