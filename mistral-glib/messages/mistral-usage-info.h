// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_USAGE_INFO (mistral_usage_info_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralUsageInfo, mistral_usage_info, MISTRAL, USAGE_INFO, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralUsageInfo *mistral_usage_info_new                        (guint             prompt_tokens,
                                                                 guint             completion_tokens,
                                                                 guint             total_tokens);
MISTRAL_AVAILABLE_IN_1_0
guint             mistral_usage_info_get_prompt_tokens          (MistralUsageInfo *self);
MISTRAL_AVAILABLE_IN_1_0
guint             mistral_usage_info_get_completion_tokens      (MistralUsageInfo *self);
MISTRAL_AVAILABLE_IN_1_0
guint             mistral_usage_info_get_total_tokens           (MistralUsageInfo *self);
MISTRAL_AVAILABLE_IN_1_0
guint             mistral_usage_info_get_prompt_audio_seconds   (MistralUsageInfo *self);

G_END_DECLS
