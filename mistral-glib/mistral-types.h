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
 * MistralRole:
 * @MISTRAL_ROLE_SYSTEM: a system prompt
 * @MISTRAL_ROLE_USER: the user
 * @MISTRAL_ROLE_ASSISTANT: the model
 * @MISTRAL_ROLE_TOOL: the result of a tool call
 *
 * The author of a [class@Mistral.ChatMessage].
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_ROLE_SYSTEM,
  MISTRAL_ROLE_USER,
  MISTRAL_ROLE_ASSISTANT,
  MISTRAL_ROLE_TOOL,
} MistralRole;

/**
 * MistralFinishReason:
 * @MISTRAL_FINISH_REASON_NONE: not finished (a stream chunk before the last)
 * @MISTRAL_FINISH_REASON_STOP: the model ended its reply, or hit a stop sequence
 * @MISTRAL_FINISH_REASON_LENGTH: the reply was cut at `max_tokens`
 * @MISTRAL_FINISH_REASON_MODEL_LENGTH: the reply was cut at the model's context length
 * @MISTRAL_FINISH_REASON_ERROR: the generation failed
 * @MISTRAL_FINISH_REASON_TOOL_CALLS: the model asks for tool calls
 * @MISTRAL_FINISH_REASON_UNKNOWN: a value this version of mistral-glib does
 *   not know; the raw string is kept by the choice
 *
 * Why the model stopped producing a choice.
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_FINISH_REASON_NONE,
  MISTRAL_FINISH_REASON_STOP,
  MISTRAL_FINISH_REASON_LENGTH,
  MISTRAL_FINISH_REASON_MODEL_LENGTH,
  MISTRAL_FINISH_REASON_ERROR,
  MISTRAL_FINISH_REASON_TOOL_CALLS,
  MISTRAL_FINISH_REASON_UNKNOWN,
} MistralFinishReason;

/**
 * MistralToolChoiceType:
 * @MISTRAL_TOOL_CHOICE_TYPE_AUTO: the model decides whether to call tools
 * @MISTRAL_TOOL_CHOICE_TYPE_NONE: the model calls no tool
 * @MISTRAL_TOOL_CHOICE_TYPE_ANY: the model must call one or more tools
 * @MISTRAL_TOOL_CHOICE_TYPE_REQUIRED: the model must call one or more tools
 * @MISTRAL_TOOL_CHOICE_TYPE_FUNCTION: the model must call the function named by
 *   [property@Mistral.ChatCompletionRequest:tool-choice-function]
 *
 * How the model may use the tools of a request.
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_TOOL_CHOICE_TYPE_AUTO,
  MISTRAL_TOOL_CHOICE_TYPE_NONE,
  MISTRAL_TOOL_CHOICE_TYPE_ANY,
  MISTRAL_TOOL_CHOICE_TYPE_REQUIRED,
  MISTRAL_TOOL_CHOICE_TYPE_FUNCTION,
} MistralToolChoiceType;

/**
 * MistralResponseFormatType:
 * @MISTRAL_RESPONSE_FORMAT_TYPE_TEXT: free text
 * @MISTRAL_RESPONSE_FORMAT_TYPE_JSON_OBJECT: any JSON object (JSON mode)
 * @MISTRAL_RESPONSE_FORMAT_TYPE_JSON_SCHEMA: JSON that follows a schema
 *
 * The kind of output a [class@Mistral.ResponseFormat] asks for.
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_RESPONSE_FORMAT_TYPE_TEXT,
  MISTRAL_RESPONSE_FORMAT_TYPE_JSON_OBJECT,
  MISTRAL_RESPONSE_FORMAT_TYPE_JSON_SCHEMA,
} MistralResponseFormatType;

/**
 * MistralContentChunkType:
 * @MISTRAL_CONTENT_CHUNK_TYPE_TEXT: text
 * @MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL: an image, by https or `data:` URL
 * @MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL: a document, by URL
 * @MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE: references to sources
 * @MISTRAL_CONTENT_CHUNK_TYPE_FILE: an uploaded file, by id
 * @MISTRAL_CONTENT_CHUNK_TYPE_THINKING: the reasoning of a reasoning model
 * @MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO: audio, by URL or base64
 * @MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN: a type this version does not know; its
 *   type name and raw JSON are kept
 *
 * The kind of a [class@Mistral.ContentChunk].
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_CONTENT_CHUNK_TYPE_TEXT,
  MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL,
  MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL,
  MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE,
  MISTRAL_CONTENT_CHUNK_TYPE_FILE,
  MISTRAL_CONTENT_CHUNK_TYPE_THINKING,
  MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO,
  MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN,
} MistralContentChunkType;

/**
 * MistralReasoningEffort:
 * @MISTRAL_REASONING_EFFORT_NONE: no reasoning
 * @MISTRAL_REASONING_EFFORT_MINIMAL: the least reasoning
 * @MISTRAL_REASONING_EFFORT_LOW: little reasoning
 * @MISTRAL_REASONING_EFFORT_MEDIUM: some reasoning
 * @MISTRAL_REASONING_EFFORT_HIGH: much reasoning
 * @MISTRAL_REASONING_EFFORT_XHIGH: the most reasoning
 *
 * How much a reasoning model thinks before it answers, for
 * [property@Mistral.ChatCompletionRequest:reasoning-effort].
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_REASONING_EFFORT_NONE,
  MISTRAL_REASONING_EFFORT_MINIMAL,
  MISTRAL_REASONING_EFFORT_LOW,
  MISTRAL_REASONING_EFFORT_MEDIUM,
  MISTRAL_REASONING_EFFORT_HIGH,
  MISTRAL_REASONING_EFFORT_XHIGH,
} MistralReasoningEffort;

G_END_DECLS
