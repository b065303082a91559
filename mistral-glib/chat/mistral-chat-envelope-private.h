// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* What a chat reply (chat.completion) and a stream chunk
 * (chat.completion.chunk) share in their JSON: the envelope around the
 * choices, and the parts of a choice. Each type reads the rest itself. */

#include <json-glib/json-glib.h>

#include "mistral-assistant-message.h"
#include "mistral-json-private.h"
#include "mistral-types.h"
#include "mistral-usage-info.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;          /* owned by the JSON */
  const char *object;
  const char *model;
  GDateTime *created;      /* owned, or NULL */
  GListStore *choices;     /* owned */
  MistralUsageInfo *usage; /* owned, or NULL */
} MistralChatEnvelope;

gboolean mistral_chat_envelope_read  (MistralChatEnvelope   *envelope,
                                      JsonObject            *object,
                                      const char            *path,
                                      GType                  choice_type,
                                      MistralJsonReadFunc    read_choice,
                                      GError               **error);
void     mistral_chat_envelope_clear (MistralChatEnvelope   *envelope);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MistralChatEnvelope, mistral_chat_envelope_clear)

gboolean mistral_chat_choice_read_parts (JsonObject               *object,
                                         const char               *path,
                                         guint                     position,
                                         const char               *message_member,
                                         guint                    *index,
                                         const char              **finish_reason,
                                         MistralAssistantMessage **message,
                                         GError                  **error);

MistralFinishReason mistral_finish_reason_from_string (const char           *name);
void                mistral_finish_reason_normalize   (MistralFinishReason  *reason,
                                                       char                **name);

G_END_DECLS
