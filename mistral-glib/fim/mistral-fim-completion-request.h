// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_FIM_COMPLETION_REQUEST (mistral_fim_completion_request_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralFimCompletionRequest, mistral_fim_completion_request, MISTRAL, FIM_COMPLETION_REQUEST, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralFimCompletionRequest *mistral_fim_completion_request_new             (const char                   *model,
                                                                             const char                   *prompt,
                                                                             const char                   *suffix);
MISTRAL_AVAILABLE_IN_1_0
const char                  *mistral_fim_completion_request_get_model       (MistralFimCompletionRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                         mistral_fim_completion_request_set_model       (MistralFimCompletionRequest  *self,
                                                                             const char                   *model);
MISTRAL_AVAILABLE_IN_1_0
const char                  *mistral_fim_completion_request_get_prompt      (MistralFimCompletionRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                         mistral_fim_completion_request_set_prompt      (MistralFimCompletionRequest  *self,
                                                                             const char                   *prompt);
MISTRAL_AVAILABLE_IN_1_0
const char                  *mistral_fim_completion_request_get_suffix      (MistralFimCompletionRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                         mistral_fim_completion_request_set_suffix      (MistralFimCompletionRequest  *self,
                                                                             const char                   *suffix);
MISTRAL_AVAILABLE_IN_1_0
int                          mistral_fim_completion_request_get_max_tokens  (MistralFimCompletionRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                         mistral_fim_completion_request_set_max_tokens  (MistralFimCompletionRequest  *self,
                                                                             int                           max_tokens);
MISTRAL_AVAILABLE_IN_1_0
int                          mistral_fim_completion_request_get_min_tokens  (MistralFimCompletionRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                         mistral_fim_completion_request_set_min_tokens  (MistralFimCompletionRequest  *self,
                                                                             int                           min_tokens);
MISTRAL_AVAILABLE_IN_1_0
double                       mistral_fim_completion_request_get_temperature (MistralFimCompletionRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                         mistral_fim_completion_request_set_temperature (MistralFimCompletionRequest  *self,
                                                                             double                        temperature);
MISTRAL_AVAILABLE_IN_1_0
double                       mistral_fim_completion_request_get_top_p       (MistralFimCompletionRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                         mistral_fim_completion_request_set_top_p       (MistralFimCompletionRequest  *self,
                                                                             double                        top_p);
MISTRAL_AVAILABLE_IN_1_0
gint64                       mistral_fim_completion_request_get_random_seed (MistralFimCompletionRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                         mistral_fim_completion_request_set_random_seed (MistralFimCompletionRequest  *self,
                                                                             gint64                        random_seed);
MISTRAL_AVAILABLE_IN_1_0
const char * const          *mistral_fim_completion_request_get_stop        (MistralFimCompletionRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                         mistral_fim_completion_request_set_stop        (MistralFimCompletionRequest  *self,
                                                                             const char * const           *stop);
MISTRAL_AVAILABLE_IN_1_0
gboolean                     mistral_fim_completion_request_get_stream      (MistralFimCompletionRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                         mistral_fim_completion_request_set_stream      (MistralFimCompletionRequest  *self,
                                                                             gboolean                      stream);
MISTRAL_AVAILABLE_IN_1_0
char                        *mistral_fim_completion_request_to_json         (MistralFimCompletionRequest  *self,
                                                                             GError                      **error);

G_END_DECLS
