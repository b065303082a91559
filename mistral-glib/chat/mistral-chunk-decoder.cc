// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The JSON layer's fast path for chat: the decoder of stream chunks, the
 * one hot path of the library, where a reply arrives as hundreds of
 * thousands of small documents, and the reader of a non-streamed reply of
 * the same common shape. json-glib builds its tree at about 200,000 such
 * documents/s; simdjson's DOM parser validates and decodes them about
 * twenty times faster, and yajl's event parser sits in between
 * (bench/json-chunk-bench, doc/performance.md). simdjson is C++: this file
 * is the only one, and nothing of C++ crosses its C interface.
 *
 * It decodes the common shape only: an envelope (id, object, created,
 * model, usage) and choices whose delta (or message) is a role and a
 * string. Anything else (tool calls, content chunks, an error object, a
 * wrong type, a duplicate member, a document it rejects, a deep or a large
 * one) goes, untouched, to the general readers (mistral-completion-chunk.c,
 * mistral-chat-completion-response.c, through json-glib), which decode
 * every shape and word every error. So there is one reader of each shape's
 * meaning; this file only knows when the common case is safe to take, and
 * tests/chunk-decoder.c checks that both give the same objects. */

#define SIMDJSON_EXCEPTIONS 0
#include <simdjson.h>

#include <string.h>

#include "mistral-completion-chunk-private.h"
#include "mistral-chat-completion-response-private.h"
#include "mistral-chat-envelope-private.h"
#include "mistral-chunk-decoder-private.h"
#include "mistral-chunk-template-private.h"

using simdjson::dom::element;
using simdjson::dom::element_type;

/* Real chunks are a few hundred bytes, and most replies a few thousand;
 * bigger ones (long tool arguments, long answers) take the general path,
 * so that the parser's buffers stay small. */
#define MAX_FAST_DOCUMENT (64 * 1024)

/* The envelope strings of the previous document, shared with the next one
 * when they are the same (in a stream they nearly always are). */
struct SharedStrings
{
  char *id = nullptr;
  char *object = nullptr;
  char *model = nullptr;

  ~SharedStrings ()
  {
    g_clear_pointer (&id, g_ref_string_release);
    g_clear_pointer (&object, g_ref_string_release);
    g_clear_pointer (&model, g_ref_string_release);
  }
};

/* A parser that refuses what mistral_json_parse() refuses for its depth;
 * UTF-8 it checks as strictly by itself. */
struct LimitedParser
{
  simdjson::dom::parser parser;
  bool ready;

  explicit LimitedParser (size_t capacity = 4096)
  {
    ready = parser.allocate (MAX (capacity, 64), MISTRAL_JSON_MAX_DEPTH) == simdjson::SUCCESS;
  }
};

struct _MistralChunkDecoder
{
  LimitedParser parser;
  SharedStrings strings;

  guint64 n_fast = 0;  /* documents decoded here, for the tests */
  guint64 n_templated = 0;  /* ... of which from the template */

  /* The previous chunk, for the next that differs only by its text. */
  MistralChunkTemplate chunk_template = {};

  /* The chunks (and deltas) of the stream that nobody kept, for reuse. */
  MistralRecycler *recycler = mistral_recycler_new ();
};

/* The members the decoder reads, one bit each to catch duplicates:
 * json-glib keeps the last of them, and rather than copy that rule, such
 * documents go to it. */
enum : guint {
  SEEN_ID = 1 << 0,
  SEEN_OBJECT = 1 << 1,
  SEEN_CREATED = 1 << 2,
  SEEN_MODEL = 1 << 3,
  SEEN_CHOICES = 1 << 4,
  SEEN_USAGE = 1 << 5,
  SEEN_INDEX = 1 << 6,
  SEEN_MESSAGE = 1 << 7,
  SEEN_FINISH_REASON = 1 << 8,
  SEEN_ROLE = 1 << 9,
  SEEN_CONTENT = 1 << 10,
  SEEN_TOOL_CALLS = 1 << 11,
  SEEN_PREFIX = 1 << 12,
};

static bool
first_time (guint *seen,
            guint  member)
{
  if (*seen & member)
    return false;
  *seen |= member;
  return true;
}

/* A string equal to @cached shares it; otherwise it replaces it. */
static char *
share_string (char             **cached,
              std::string_view   value)
{
  if (*cached == nullptr || g_ref_string_length (*cached) != value.size () ||
      memcmp (*cached, value.data (), value.size ()) != 0)
    {
      g_clear_pointer (cached, g_ref_string_release);
      *cached = g_ref_string_new_len (value.data (), value.size ());
    }
  return g_ref_string_acquire (*cached);
}

/* Each reader: true if @value is absent-as-null or of the type the general
 * reader accepts, with *out set for the latter; false otherwise. */
static bool
read_string (element            value,
             std::string_view  *out)
{
  if (value.type () == element_type::NULL_VALUE)
    return true;
  return value.get_string ().get (*out) == simdjson::SUCCESS;
}

/* A member read once: a second one (json-glib keeps the last) goes to the
 * general reader. */
static bool
read_string_once (guint             *seen,
                  guint              member,
                  element            value,
                  std::string_view  *out)
{
  return first_time (seen, member) && read_string (value, out);
}

/* A string member read once into a copy (left NULL for null). */
static bool
read_text_once (guint    *seen,
                guint     member,
                element   value,
                char    **out)
{
  std::string_view text;

  if (!read_string_once (seen, member, value, &text))
    return false;
  if (text.data () != nullptr)
    *out = g_strndup (text.data (), text.size ());
  return true;
}

static bool
read_shared_string (element   value,
                    char    **cached,
                    char    **out)
{
  std::string_view text;

  if (!read_string (value, &text))
    return false;
  if (text.data () != nullptr)
    *out = share_string (cached, text);
  return true;
}

static bool
read_uint (element  value,
           guint   *out)
{
  int64_t number;

  if (value.type () == element_type::NULL_VALUE)
    return true;
  if (value.type () != element_type::INT64 || value.get_int64 ().get (number) != simdjson::SUCCESS ||
      number < 0 || number > G_MAXUINT)
    return false;
  *out = (guint) number;
  return true;
}

/* A choice's delta (or a reply's message). */
static bool
read_message (element             value,
              MistralChunkChoice *choice)
{
  simdjson::dom::object object;
  guint seen = 0;

  if (value.type () == element_type::NULL_VALUE)
    return true;
  if (value.get_object ().get (object) != simdjson::SUCCESS)
    return false;

  for (auto member : object)
    {
      std::string_view text;
      bool flag;

      if (member.key == "role")
        {
          /* Any role is the assistant's, as for the general reader. */
          if (!read_string_once (&seen, SEEN_ROLE, member.value, &text))
            return false;
        }
      else if (member.key == "content")
        {
          /* Content chunks (an array) are for the general reader. */
          if (!read_text_once (&seen, SEEN_CONTENT, member.value, &choice->content))
            return false;
        }
      else if (member.key == "tool_calls")
        {
          if (!first_time (&seen, SEEN_TOOL_CALLS) || member.value.type () != element_type::NULL_VALUE)
            return false;
        }
      else if (member.key == "prefix")
        {
          /* A prefix message is left to the general reader. */
          if (!first_time (&seen, SEEN_PREFIX))
            return false;
          if (member.value.type () != element_type::NULL_VALUE &&
              (member.value.get_bool ().get (flag) != simdjson::SUCCESS || flag))
            return false;
        }
    }
  return true;
}

static bool
read_choice (element            value,
             std::string_view   message_member,
             MistralChunkData  *data,
             guint              position)
{
  MistralChunkChoice *choice = mistral_chunk_data_add_choice (data);
  simdjson::dom::object object;
  guint seen = 0;

  choice->index = position;
  choice->plain = TRUE;

  if (value.get_object ().get (object) != simdjson::SUCCESS)
    return false;

  for (auto member : object)
    {
      if (member.key == "index")
        {
          if (!first_time (&seen, SEEN_INDEX) || !read_uint (member.value, &choice->index))
            return false;
        }
      else if (member.key == message_member)
        {
          if (!first_time (&seen, SEEN_MESSAGE) || !read_message (member.value, choice))
            return false;
        }
      else if (member.key == "finish_reason")
        {
          if (!read_text_once (&seen, SEEN_FINISH_REASON, member.value, &choice->finish_reason_name))
            return false;
          choice->finish_reason = mistral_finish_reason_from_string (choice->finish_reason_name);
        }
    }
  return true;
}

static bool
read_usage (element           value,
            MistralChunkData *data)
{
  static const char *const names[] = {
    "prompt_tokens", "completion_tokens", "total_tokens", "prompt_audio_seconds",
  };
  simdjson::dom::object object;
  guint tokens[G_N_ELEMENTS (names)] = { 0, };
  guint seen = 0;

  if (value.type () == element_type::NULL_VALUE)
    return true;
  if (value.get_object ().get (object) != simdjson::SUCCESS)
    return false;

  for (auto member : object)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (member.key == names[i] && (!first_time (&seen, 1u << i) || !read_uint (member.value, &tokens[i])))
        return false;

  data->usage = MISTRAL_USAGE_INFO (g_object_new (MISTRAL_TYPE_USAGE_INFO,
                                                  "prompt-tokens", tokens[0],
                                                  "completion-tokens", tokens[1],
                                                  "total-tokens", tokens[2],
                                                  "prompt-audio-seconds", tokens[3],
                                                  NULL));
  return true;
}

/* Decodes @text into @data if it has the common shape, its choices'
 * messages under @message_member ("delta" in a stream, "message" in a
 * reply); false if not (or if it is not JSON): the general reader then
 * decides. */
static bool
decode_common (LimitedParser     *parser,
               SharedStrings     *strings,
               std::string_view   message_member,
               const char        *text,
               gsize              length,
               MistralChunkData  *data)
{
  simdjson::dom::object root;
  guint seen = 0;

  if (length > MAX_FAST_DOCUMENT || !parser->ready ||
      parser->parser.parse (text, length, true).get_object ().get (root) != simdjson::SUCCESS)
    return false;

  for (auto member : root)
    {
      int64_t created;

      if (member.key == "id")
        {
          if (!first_time (&seen, SEEN_ID) || !read_shared_string (member.value, &strings->id, &data->id))
            return false;
        }
      else if (member.key == "object")
        {
          if (!first_time (&seen, SEEN_OBJECT) ||
              !read_shared_string (member.value, &strings->object, &data->object))
            return false;
        }
      else if (member.key == "model")
        {
          if (!first_time (&seen, SEEN_MODEL) || !read_shared_string (member.value, &strings->model, &data->model))
            return false;
        }
      else if (member.key == "created")
        {
          if (!first_time (&seen, SEEN_CREATED))
            return false;
          if (member.value.type () == element_type::NULL_VALUE)
            continue;
          if (member.value.type () != element_type::INT64 ||
              member.value.get_int64 ().get (created) != simdjson::SUCCESS)
            return false;
          data->created = created >= 0 ? created : -1;
        }
      else if (member.key == "choices")
        {
          simdjson::dom::array choices;
          guint position = 0;

          if (!first_time (&seen, SEEN_CHOICES))
            return false;
          if (member.value.type () == element_type::NULL_VALUE)
            continue;
          if (member.value.get_array ().get (choices) != simdjson::SUCCESS)
            return false;
          for (element choice : choices)
            if (!read_choice (choice, message_member, data, position++))
              return false;
        }
      else if (member.key == "usage")
        {
          if (!first_time (&seen, SEEN_USAGE) || !read_usage (member.value, data))
            return false;
        }
    }

  /* An object without choices may be an error sent in the stream. */
  return (seen & SEEN_CHOICES) != 0;
}

MistralChunkDecoder *
mistral_chunk_decoder_new (void)
{
  return new (std::nothrow) MistralChunkDecoder ();
}

void
mistral_chunk_decoder_free (MistralChunkDecoder *self)
{
  if (self == nullptr)
    return;

  mistral_recycler_close (self->recycler);
  mistral_chunk_template_clear (&self->chunk_template);
  delete self;
}

guint64
mistral_chunk_decoder_get_n_fast (MistralChunkDecoder *self)
{
  return self->n_fast;
}

guint64
mistral_chunk_decoder_get_n_templated (MistralChunkDecoder *self)
{
  return self->n_templated;
}

guint64
mistral_chunk_decoder_get_n_reused (MistralChunkDecoder *self)
{
  return mistral_recycler_get_n_taken (self->recycler);
}

/*
 * mistral_chunk_decoder_decode:
 * @self: (nullable): a decoder kept for a stream, or %NULL for one chunk
 *
 * Decodes the text of one stream event into its chunk: the common shape
 * here, every other through the general reader.
 */
MistralCompletionChunk *
mistral_chunk_decoder_decode (MistralChunkDecoder     *self,
                              const char              *text,
                              gsize                    length,
                              GTimeSpan                chunk_latency,
                              GTimeSpan                total_latency,
                              GError                 **error)
{
  MistralChunkDecoder *one_off = nullptr;
  MistralCompletionChunk *chunk = nullptr;
  MistralChunkData data;

  if (self == nullptr)
    self = one_off = mistral_chunk_decoder_new ();

  mistral_chunk_data_init (&data);
  if (self != nullptr && length <= MAX_FAST_DOCUMENT &&
      (chunk = mistral_chunk_template_decode (&self->chunk_template, one_off == nullptr ? self->recycler : nullptr,
                                              text, length, chunk_latency, total_latency)) != nullptr)
    {
      self->n_fast++;
      self->n_templated++;
    }
  else if (self != nullptr && decode_common (&self->parser, &self->strings, "delta", text, length, &data))
    {
      self->n_fast++;
      if (one_off == nullptr)
        mistral_chunk_template_learn (&self->chunk_template, text, length, &data);
      chunk = mistral_completion_chunk_new_take (one_off == nullptr ? self->recycler : nullptr, &data,
                                                 chunk_latency, total_latency);
    }
  else
    {
      /* The general reader's chunk teaches a template too, as it does
       * without simdjson: both builds read a stream alike. */
      mistral_chunk_data_clear (&data);
      chunk = mistral_completion_chunk_new_from_json_text (text, length, chunk_latency, total_latency, error);
      if (one_off == nullptr && self != nullptr && chunk != nullptr)
        mistral_chunk_template_learn (&self->chunk_template, text, length, mistral_completion_chunk_peek_data (chunk));
    }

  mistral_chunk_decoder_free (one_off);
  return chunk;
}

/*
 * mistral_chat_reply_decode_fast:
 *
 * Reads a non-streamed reply of the common shape (a role and a string in
 * each choice's message). Returns %NULL, never an error, for any other:
 * the general reader then reads it and words the error.
 */
MistralChatCompletionResponse *
mistral_chat_reply_decode_fast (const char *text,
                                gsize       length)
{
  /* One parser a call, of the reply's size: its buffers are not kept
   * between replies. */
  LimitedParser parser (MIN (length, MAX_FAST_DOCUMENT));
  SharedStrings strings;
  MistralChunkData data;

  mistral_chunk_data_init (&data);
  if (!decode_common (&parser, &strings, "message", text, length, &data))
    {
      mistral_chunk_data_clear (&data);
      return nullptr;
    }
  return mistral_chat_completion_response_new_take (&data);
}
