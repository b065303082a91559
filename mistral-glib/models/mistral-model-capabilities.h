// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

/**
 * MistralModelCapabilities:
 * @MISTRAL_MODEL_CAPABILITIES_NONE: no capability
 * @MISTRAL_MODEL_CAPABILITIES_COMPLETION_CHAT: chat completion
 * @MISTRAL_MODEL_CAPABILITIES_COMPLETION_FIM: fill-in-the-middle (code) completion
 * @MISTRAL_MODEL_CAPABILITIES_FUNCTION_CALLING: tool (function) calls
 * @MISTRAL_MODEL_CAPABILITIES_REASONING: reasoning, with thinking chunks
 * @MISTRAL_MODEL_CAPABILITIES_FINE_TUNING: can be fine-tuned
 * @MISTRAL_MODEL_CAPABILITIES_VISION: reads images
 * @MISTRAL_MODEL_CAPABILITIES_OCR: document OCR
 * @MISTRAL_MODEL_CAPABILITIES_CLASSIFICATION: classification
 * @MISTRAL_MODEL_CAPABILITIES_MODERATION: moderation
 * @MISTRAL_MODEL_CAPABILITIES_AUDIO: takes audio input
 * @MISTRAL_MODEL_CAPABILITIES_AUDIO_TRANSCRIPTION: transcribes audio
 * @MISTRAL_MODEL_CAPABILITIES_AUDIO_TRANSCRIPTION_REALTIME: transcribes audio as it comes
 * @MISTRAL_MODEL_CAPABILITIES_AUDIO_SPEECH: speaks (text to speech)
 *
 * What a model can do, as its [class@Mistral.ModelCard] says; flags, so
 * that a search or a [class@Mistral.ModelList] can ask for several at once.
 *
 * A capability the API names and this version does not know is ignored.
 *
 * Since: 1.0
 */
typedef enum /*< flags >*/ {
  MISTRAL_MODEL_CAPABILITIES_NONE = 0,
  MISTRAL_MODEL_CAPABILITIES_COMPLETION_CHAT = 1 << 0,
  MISTRAL_MODEL_CAPABILITIES_COMPLETION_FIM = 1 << 1,
  MISTRAL_MODEL_CAPABILITIES_FUNCTION_CALLING = 1 << 2,
  MISTRAL_MODEL_CAPABILITIES_REASONING = 1 << 3,
  MISTRAL_MODEL_CAPABILITIES_FINE_TUNING = 1 << 4,
  MISTRAL_MODEL_CAPABILITIES_VISION = 1 << 5,
  MISTRAL_MODEL_CAPABILITIES_OCR = 1 << 6,
  MISTRAL_MODEL_CAPABILITIES_CLASSIFICATION = 1 << 7,
  MISTRAL_MODEL_CAPABILITIES_MODERATION = 1 << 8,
  MISTRAL_MODEL_CAPABILITIES_AUDIO = 1 << 9,
  MISTRAL_MODEL_CAPABILITIES_AUDIO_TRANSCRIPTION = 1 << 10,
  MISTRAL_MODEL_CAPABILITIES_AUDIO_TRANSCRIPTION_REALTIME = 1 << 11,
  MISTRAL_MODEL_CAPABILITIES_AUDIO_SPEECH = 1 << 12,
} MistralModelCapabilities;

G_END_DECLS
