// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-chat-completion-accumulator.h"
#include "mistral-completion-chunk-private.h"
#include "mistral-chat-completion-choice-private.h"
#include "mistral-completion-response-stream-choice.h"
#include "mistral-enum-types.h"

/**
 * MistralChatCompletionAccumulator:
 *
 * Folds the [class@Mistral.CompletionChunk]s of a stream into the
 * [class@Mistral.ChatCompletionResponse] that the same request, not
 * streamed, would have given.
 *
 * A stream uses one to build the response that its run returns; an
 * application that reads the chunks itself (pulling them, or from another
 * source) can feed them to its own accumulator, in the order they came.
 *
 * For each choice (told apart by
 * [property@Mistral.CompletionResponseStreamChoice:index]):
 *
 * - the text of the deltas is concatenated into the content of the reply;
 * - reasoning models send `THINKING` chunks before the text: consecutive
 *   ones are merged into one `THINKING` chunk, and the reply then has the
 *   content chunks `[thinking, text]`, where the text chunk holds the whole
 *   text; chunks of other types are kept as they came;
 * - tool calls are told apart by their [property@Mistral.ToolCall:index]:
 *   the first id and function name given win, and the fragments of the
 *   arguments are concatenated, so a call split over several events comes
 *   out whole;
 * - the finish reason is the one of the event that ended the choice.
 *
 * The id, model and creation time are those of the first chunk that gives
 * them, the usage is the last one given, and the latency of the response is
 * the [property@Mistral.CompletionChunk:total-latency] of the last chunk.
 *
 * The accumulator keeps the text and tool calls it has seen, not the
 * chunks, and [method@Mistral.ChatCompletionAccumulator.get_response] can
 * be called at any time: each call builds a new response from what was
 * added so far.
 *
 * ## Usage
 *
 * ```c
 * g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
 * g_autoptr (MistralChatCompletionResponse) response = NULL;
 * MistralCompletionChunk *chunk;
 *
 * while ((chunk = mistral_chat_completion_stream_next_chunk (stream, NULL, &error)) != NULL)
 *   {
 *     mistral_chat_completion_accumulator_add_chunk (accumulator, chunk);
 *     g_object_unref (chunk);
 *   }
 *
 * response = mistral_chat_completion_accumulator_get_response (accumulator);
 * ```
 *
 * Since: 1.0
 */

/* A run of a `THINKING` chunk's sub-chunks: merged text, or a sub-chunk of
 * another kind, kept. */
typedef struct
{
  GString *text;
  MistralContentChunk *chunk;
} ThinkingPart;

/* A content chunk of the reply, other than its text: consecutive
 * `THINKING` chunks merged into one, or a chunk of another kind, kept. */
typedef struct
{
  MistralContentChunk *chunk;
  GPtrArray *thinking; /* (element-type ThinkingPart), when chunk is NULL */
  gboolean closed;
  char *signature;
} Segment;

typedef struct
{
  guint index;
  char *id;
  char *function_name;
  GString *arguments; /* NULL until some arguments came */
} ToolCallState;

typedef struct
{
  guint index;
  GString *text;
  gboolean has_content; /* some delta had content, possibly empty */
  gboolean has_chunks;  /* some delta had its content as chunks */
  GPtrArray *segments;  /* (element-type Segment) */
  GPtrArray *tool_calls; /* (element-type ToolCallState), sorted by index */
  MistralFinishReason finish_reason;
  char *finish_reason_name;
} ChoiceState;

struct _MistralChatCompletionAccumulator
{
  GObject parent_instance;

  char *id;
  char *model;
  GDateTime *created;
  MistralUsageInfo *usage;
  GTimeSpan latency;
  guint n_chunks;
  GPtrArray *choices; /* (element-type ChoiceState), sorted by index */
};

G_DEFINE_FINAL_TYPE (MistralChatCompletionAccumulator, mistral_chat_completion_accumulator, G_TYPE_OBJECT)

static void
thinking_part_free (ThinkingPart *part)
{
  if (part->text != NULL)
    g_string_free (part->text, TRUE);
  g_clear_object (&part->chunk);
  g_free (part);
}

static void
segment_free (Segment *segment)
{
  g_clear_object (&segment->chunk);
  g_clear_pointer (&segment->thinking, g_ptr_array_unref);
  g_free (segment->signature);
  g_free (segment);
}

static void
tool_call_state_free (ToolCallState *state)
{
  g_free (state->id);
  g_free (state->function_name);
  if (state->arguments != NULL)
    g_string_free (state->arguments, TRUE);
  g_free (state);
}

static void
choice_state_free (ChoiceState *state)
{
  g_string_free (state->text, TRUE);
  g_ptr_array_unref (state->segments);
  g_ptr_array_unref (state->tool_calls);
  g_free (state->finish_reason_name);
  g_free (state);
}

/* Finds the position of the item of @array whose `index` (the first member
 * of its struct) is @index, or where to insert it. */
static gboolean
find_by_index (GPtrArray *array,
               guint      index,
               guint     *position)
{
  guint low = 0, high = array->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      guint mid_index = *(const guint *) g_ptr_array_index (array, mid);

      if (mid_index == index)
        {
          *position = mid;
          return TRUE;
        }
      if (mid_index < index)
        low = mid + 1;
      else
        high = mid;
    }

  *position = low;
  return FALSE;
}

static ChoiceState *
lookup_choice (MistralChatCompletionAccumulator *self,
               guint                             index)
{
  ChoiceState *state;
  guint position;

  if (find_by_index (self->choices, index, &position))
    return g_ptr_array_index (self->choices, position);

  state = g_new0 (ChoiceState, 1);
  state->index = index;
  state->text = g_string_new (NULL);
  state->segments = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);
  state->tool_calls = g_ptr_array_new_with_free_func ((GDestroyNotify) tool_call_state_free);
  state->finish_reason = MISTRAL_FINISH_REASON_NONE;
  g_ptr_array_insert (self->choices, position, state);

  return state;
}

static ToolCallState *
lookup_tool_call (ChoiceState *choice,
                  guint        index)
{
  ToolCallState *state;
  guint position;

  if (find_by_index (choice->tool_calls, index, &position))
    return g_ptr_array_index (choice->tool_calls, position);

  state = g_new0 (ToolCallState, 1);
  state->index = index;
  g_ptr_array_insert (choice->tool_calls, position, state);

  return state;
}

static void
add_thinking (ChoiceState         *choice,
              MistralContentChunk *chunk)
{
  Segment *segment = NULL;
  GListModel *parts;
  const char *signature;
  guint n_parts;

  if (choice->segments->len > 0)
    {
      Segment *last = g_ptr_array_index (choice->segments, choice->segments->len - 1);

      if (last->thinking != NULL)
        segment = last;
    }

  if (segment == NULL)
    {
      segment = g_new0 (Segment, 1);
      segment->thinking = g_ptr_array_new_with_free_func ((GDestroyNotify) thinking_part_free);
      g_ptr_array_add (choice->segments, segment);
    }

  /* The last event says whether the reasoning is complete. */
  segment->closed = mistral_content_chunk_get_closed (chunk);
  signature = mistral_content_chunk_get_signature (chunk);
  if (signature != NULL)
    {
      g_free (segment->signature);
      segment->signature = g_strdup (signature);
    }

  parts = mistral_content_chunk_get_thinking (chunk);
  n_parts = parts != NULL ? g_list_model_get_n_items (parts) : 0;
  for (guint i = 0; i < n_parts; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (parts, i);
      MistralContentChunk *sub;
      ThinkingPart *last = NULL;

      if (!MISTRAL_IS_CONTENT_CHUNK (item))
        continue;

      sub = MISTRAL_CONTENT_CHUNK (item);
      if (segment->thinking->len > 0)
        last = g_ptr_array_index (segment->thinking, segment->thinking->len - 1);

      if (mistral_content_chunk_get_chunk_type (sub) == MISTRAL_CONTENT_CHUNK_TYPE_TEXT)
        {
          const char *text = mistral_content_chunk_get_text (sub);

          if (last == NULL || last->text == NULL)
            {
              last = g_new0 (ThinkingPart, 1);
              last->text = g_string_new (NULL);
              g_ptr_array_add (segment->thinking, last);
            }
          if (text != NULL)
            g_string_append (last->text, text);
        }
      else
        {
          ThinkingPart *part = g_new0 (ThinkingPart, 1);

          part->chunk = g_object_ref (sub);
          g_ptr_array_add (segment->thinking, part);
        }
    }
}

static void
add_content (ChoiceState        *choice,
             MistralChatMessage *delta)
{
  GListModel *chunks = mistral_chat_message_get_chunks (delta);
  guint n_chunks = g_list_model_get_n_items (chunks);
  const char *content;

  if (n_chunks == 0)
    {
      content = mistral_chat_message_get_content (delta);
      if (content != NULL)
        {
          choice->has_content = TRUE;
          g_string_append (choice->text, content);
        }
      return;
    }

  choice->has_content = TRUE;
  choice->has_chunks = TRUE;

  for (guint i = 0; i < n_chunks; i++)
    {
      g_autoptr (MistralContentChunk) chunk = g_list_model_get_item (chunks, i);

      switch (mistral_content_chunk_get_chunk_type (chunk))
        {
        case MISTRAL_CONTENT_CHUNK_TYPE_TEXT:
          content = mistral_content_chunk_get_text (chunk);
          if (content != NULL)
            g_string_append (choice->text, content);
          break;

        case MISTRAL_CONTENT_CHUNK_TYPE_THINKING:
          add_thinking (choice, chunk);
          break;

        case MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL:
        case MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL:
        case MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE:
        case MISTRAL_CONTENT_CHUNK_TYPE_FILE:
        case MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO:
        case MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN:
        default:
          {
            /* Chunks are immutable: sharing them is safe. */
            Segment *segment = g_new0 (Segment, 1);

            segment->chunk = g_object_ref (chunk);
            g_ptr_array_add (choice->segments, segment);
          }
          break;
        }
    }
}

static gboolean
key_in (const guint *keys,
        guint        n_keys,
        guint        key)
{
  for (guint i = 0; i < n_keys; i++)
    if (keys[i] == key)
      return TRUE;

  return FALSE;
}

static void
add_tool_calls (ChoiceState             *choice,
                MistralAssistantMessage *delta)
{
  GListModel *tool_calls = mistral_assistant_message_get_tool_calls (delta);
  guint n_calls = g_list_model_get_n_items (tool_calls);
  g_autofree guint *keys = NULL;

  if (n_calls == 0)
    return;

  keys = g_new (guint, n_calls);

  for (guint i = 0; i < n_calls; i++)
    {
      g_autoptr (MistralToolCall) call = g_list_model_get_item (tool_calls, i);
      ToolCallState *state;
      const char *id, *function_name, *arguments;
      guint key = mistral_tool_call_get_index (call);

      /* Calls of one delta are distinct calls: when their indexes collide
       * (a missing index reads as 0), fall back to their position. */
      if (key_in (keys, i, key))
        {
          key = i;
          while (key_in (keys, i, key))
            key++;
        }
      keys[i] = key;

      state = lookup_tool_call (choice, key);

      id = mistral_tool_call_get_id (call);
      if (state->id == NULL && id != NULL && *id != '\0')
        state->id = g_strdup (id);

      function_name = mistral_tool_call_get_function_name (call);
      if (state->function_name == NULL && function_name != NULL && *function_name != '\0')
        state->function_name = g_strdup (function_name);

      arguments = mistral_tool_call_get_arguments (call);
      if (arguments != NULL)
        {
          if (state->arguments == NULL)
            state->arguments = g_string_new (NULL);
          g_string_append (state->arguments, arguments);
        }
    }
}

static void
add_choice (MistralChatCompletionAccumulator *self,
            const MistralChunkChoice         *part)
{
  ChoiceState *choice = lookup_choice (self, part->index);

  /* Nearly every chunk is a piece of text, nothing more: read it as
   * decoded, without making its delta. A delta that was made may have been
   * changed by whoever asked for it: it is read like any other. */
  if (part->plain && part->delta == NULL)
    {
      if (part->content != NULL)
        {
          choice->has_content = TRUE;
          g_string_append (choice->text, part->content);
        }
    }
  else if (part->delta != NULL)
    {
      add_content (choice, MISTRAL_CHAT_MESSAGE (part->delta));
      add_tool_calls (choice, part->delta);
    }

  if (part->finish_reason != MISTRAL_FINISH_REASON_NONE)
    {
      choice->finish_reason = part->finish_reason;
      g_free (choice->finish_reason_name);
      choice->finish_reason_name = g_strdup (part->finish_reason_name);
    }
}

static MistralContentChunk *
build_thinking (Segment *segment)
{
  g_autoptr (GListStore) parts = g_list_store_new (MISTRAL_TYPE_CONTENT_CHUNK);

  for (guint i = 0; i < segment->thinking->len; i++)
    {
      ThinkingPart *part = g_ptr_array_index (segment->thinking, i);

      if (part->text != NULL)
        {
          g_autoptr (MistralContentChunk) text = mistral_content_chunk_new_text (part->text->str);

          g_list_store_append (parts, text);
        }
      else
        {
          g_list_store_append (parts, part->chunk);
        }
    }

  return g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                       "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_THINKING,
                       "thinking", parts,
                       "closed", segment->closed,
                       "signature", segment->signature,
                       NULL);
}

static MistralAssistantMessage *
build_message (ChoiceState *choice)
{
  g_autoptr (MistralAssistantMessage) message = mistral_assistant_message_new (NULL);
  MistralChatMessage *chat_message = MISTRAL_CHAT_MESSAGE (message);
  gboolean chunked = FALSE;

  if (choice->has_chunks)
    {
      for (guint i = 0; i < choice->segments->len; i++)
        {
          Segment *segment = g_ptr_array_index (choice->segments, i);

          if (segment->chunk != NULL)
            {
              mistral_chat_message_add_chunk (chat_message, segment->chunk);
            }
          else
            {
              g_autoptr (MistralContentChunk) thinking = build_thinking (segment);

              mistral_chat_message_add_chunk (chat_message, thinking);
            }
          chunked = TRUE;
        }

      if (choice->text->len > 0)
        {
          g_autoptr (MistralContentChunk) text = mistral_content_chunk_new_text (choice->text->str);

          mistral_chat_message_add_chunk (chat_message, text);
          chunked = TRUE;
        }
    }

  if (!chunked && choice->has_content)
    mistral_chat_message_set_content (chat_message, choice->text->str);

  /* New tool calls: the ones of the deltas belong to the chunks. */
  for (guint i = 0; i < choice->tool_calls->len; i++)
    {
      ToolCallState *state = g_ptr_array_index (choice->tool_calls, i);
      g_autoptr (MistralToolCall) call = NULL;

      call = g_object_new (MISTRAL_TYPE_TOOL_CALL,
                           "id", state->id,
                           "index", state->index,
                           "function-name", state->function_name,
                           "arguments", state->arguments != NULL ? state->arguments->str : NULL,
                           NULL);
      mistral_assistant_message_add_tool_call (message, call);
    }

  return g_steal_pointer (&message);
}

static void
mistral_chat_completion_accumulator_finalize (GObject *object)
{
  MistralChatCompletionAccumulator *self = MISTRAL_CHAT_COMPLETION_ACCUMULATOR (object);

  g_free (self->id);
  g_free (self->model);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_object (&self->usage);
  g_ptr_array_unref (self->choices);

  G_OBJECT_CLASS (mistral_chat_completion_accumulator_parent_class)->finalize (object);
}

static void
mistral_chat_completion_accumulator_class_init (MistralChatCompletionAccumulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_chat_completion_accumulator_finalize;
}

static void
mistral_chat_completion_accumulator_init (MistralChatCompletionAccumulator *self)
{
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_state_free);
}

/**
 * mistral_chat_completion_accumulator_new:
 *
 * Creates an accumulator that has seen no chunk yet.
 *
 * Returns: (transfer full): a new [class@Mistral.ChatCompletionAccumulator]
 *
 * Since: 1.0
 */
MistralChatCompletionAccumulator *
mistral_chat_completion_accumulator_new (void)
{
  return g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_ACCUMULATOR, NULL);
}

/**
 * mistral_chat_completion_accumulator_add_chunk:
 * @self: an accumulator
 * @chunk: the next chunk of the stream
 *
 * Folds @chunk into the response that @self builds. Chunks must be added
 * in the order they came.
 *
 * @self keeps what it needs of @chunk, not @chunk itself: the chunk and its
 * delta messages may be changed or freed afterwards.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_accumulator_add_chunk (MistralChatCompletionAccumulator *self,
                                               MistralCompletionChunk           *chunk)
{
  const MistralChunkData *data;

  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_ACCUMULATOR (self));
  g_return_if_fail (MISTRAL_IS_COMPLETION_CHUNK (chunk));

  data = mistral_completion_chunk_peek_data (chunk);
  self->n_chunks++;

  if (self->id == NULL && data->id != NULL && *data->id != '\0')
    self->id = g_strdup (data->id);

  if (self->model == NULL && data->model != NULL && *data->model != '\0')
    self->model = g_strdup (data->model);

  if (self->created == NULL && data->created >= 0)
    self->created = g_date_time_new_from_unix_utc (data->created);

  if (data->usage != NULL)
    g_set_object (&self->usage, data->usage);

  self->latency = mistral_completion_chunk_get_total_latency (chunk);

  for (guint i = 0; i < data->n_choices; i++)
    add_choice (self, &data->choices[i]);
}

/**
 * mistral_chat_completion_accumulator_get_n_chunks:
 * @self: an accumulator
 *
 * Gets how many chunks were added to @self.
 *
 * Returns: the number of chunks added
 *
 * Since: 1.0
 */
guint
mistral_chat_completion_accumulator_get_n_chunks (MistralChatCompletionAccumulator *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_ACCUMULATOR (self), 0);

  return self->n_chunks;
}

/**
 * mistral_chat_completion_accumulator_get_response:
 * @self: an accumulator
 *
 * Builds the response from the chunks added so far.
 *
 * It may be called in the middle of a stream, to see the reply so far:
 * each call returns a new response, and a later call also sees the chunks
 * added in between.
 *
 * Returns: (transfer full): a new [class@Mistral.ChatCompletionResponse]
 *   whose object is `chat.completion`
 *
 * Since: 1.0
 */
MistralChatCompletionResponse *
mistral_chat_completion_accumulator_get_response (MistralChatCompletionAccumulator *self)
{
  g_autoptr (GListStore) store = NULL;

  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_ACCUMULATOR (self), NULL);

  store = g_list_store_new (MISTRAL_TYPE_CHAT_COMPLETION_CHOICE);
  for (guint i = 0; i < self->choices->len; i++)
    {
      ChoiceState *state = g_ptr_array_index (self->choices, i);
      g_autoptr (MistralAssistantMessage) message = build_message (state);
      g_autoptr (MistralChatCompletionChoice) choice = NULL;

      choice = mistral_chat_completion_choice_new_parts (state->index, state->finish_reason,
                                                         state->finish_reason_name, message);
      g_list_store_append (store, choice);
    }

  return g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_RESPONSE,
                       "id", self->id,
                       "object", "chat.completion",
                       "created", self->created,
                       "model", self->model,
                       "choices", store,
                       "usage", self->usage,
                       "latency", self->latency,
                       NULL);
}
