// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-enum-types.h"
#include "mistral-error.h"
#include "mistral-json-private.h"
#include "mistral-ocr-request-private.h"
#include "mistral-request-private.h"
#include "mistral-response-format-private.h"

/**
 * MistralOcrRequest:
 *
 * The body of an OCR request (`POST /v1/ocr`): the model, the document,
 * and the options of the reply.
 *
 * The document is one of four, and setting one replaces the others (see
 * [property@Mistral.OcrRequest:document-type]):
 *
 * - a document at a URL ([property@Mistral.OcrRequest:document-url], with an
 *   optional [property@Mistral.OcrRequest:document-name]);
 * - an image at a URL ([property@Mistral.OcrRequest:image-url]);
 * - a file uploaded to the API before ([property@Mistral.OcrRequest:file-id]);
 * - a local file ([property@Mistral.OcrRequest:file]), read when the
 *   request is sent and sent inline as a `data:` URL of its bytes in base64,
 *   with the MIME type guessed from its name and contents: an image goes as
 *   an `image_url` chunk, anything else (PDF, DOCX, …) as a `document_url`
 *   chunk named after the file. Base64 makes the body a third larger than
 *   the file, and the whole body is held in memory while it is sent: above
 *   about 10 MB, set [property@Mistral.OcrRequest:upload-local-file], which
 *   uploads the file first (streamed), sends its id and deletes the upload
 *   afterwards. Sent inline, a file larger than
 *   %MISTRAL_OCR_MAX_INLINE_SIZE (the API's limit) is refused.
 *
 * Each optional option has a companion `*-set` property (the GTK
 * `foreground`/`foreground-set` convention): setting the option sets it to
 * %TRUE, and while it is %FALSE the field is left out of the JSON body, so
 * the API's own default applies. The annotation formats and the prompt are
 * left out while they are %NULL.
 *
 * A request with no model or no document, a negative image limit or size,
 * pages that are not a list of page numbers and ranges, an annotation
 * format that is not a JSON schema, or an annotation prompt without a
 * document annotation format fails with %MISTRAL_ERROR_INVALID_REQUEST
 * before anything is sent.
 *
 * ## Usage
 *
 * ```c
 * g_autoptr(GFile) file = g_file_new_for_path ("invoice.pdf");
 * g_autoptr(MistralOcrRequest) request =
 *   mistral_ocr_request_new_for_file ("mistral-ocr-latest", file);
 *
 * mistral_ocr_request_set_pages (request, "0-2");
 * mistral_ocr_request_set_table_format (request, MISTRAL_OCR_TABLE_FORMAT_HTML);
 * ```
 *
 * Since: 1.0
 */

/* The options with a `*-set` companion, in the order they are written. */
typedef enum {
  OPTION_INCLUDE_IMAGE_BASE64,
  OPTION_IMAGE_LIMIT,
  OPTION_IMAGE_MIN_SIZE,
  OPTION_TABLE_FORMAT,
  OPTION_EXTRACT_HEADER,
  OPTION_EXTRACT_FOOTER,
  OPTION_INCLUDE_BLOCKS,
  OPTION_CONFIDENCE_SCORES_GRANULARITY,
  N_OPTIONS
} Option;

struct _MistralOcrRequest
{
  GObject parent_instance;

  char *model;
  MistralOcrDocumentType document_type;
  char *source;          /* the document URL, image URL or file id */
  char *document_name;
  GFile *file;
  char *pages;
  int options[N_OPTIONS];
  gboolean options_set[N_OPTIONS];
  MistralResponseFormat *bbox_annotation_format;
  MistralResponseFormat *document_annotation_format;
  char *document_annotation_prompt;
  gboolean upload_local_file;
};

G_DEFINE_FINAL_TYPE (MistralOcrRequest, mistral_ocr_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_DOCUMENT_TYPE,
  PROP_DOCUMENT_URL,
  PROP_DOCUMENT_NAME,
  PROP_IMAGE_URL,
  PROP_FILE_ID,
  PROP_FILE,
  PROP_PAGES,
  PROP_BBOX_ANNOTATION_FORMAT,
  PROP_DOCUMENT_ANNOTATION_FORMAT,
  PROP_DOCUMENT_ANNOTATION_PROMPT,
  PROP_UPLOAD_LOCAL_FILE,
  /* Each option, then its `*-set` flag: PROP_OPTIONS + 2 * option. */
  PROP_OPTIONS,
  N_PROPS = PROP_OPTIONS + 2 * N_OPTIONS
};

static GParamSpec *properties[N_PROPS];

/* What each option is on the wire. */
static const struct {
  const char *member;
  GType (*enum_type) (void);  /* NULL: an int, or a boolean when @boolean */
  gboolean boolean;
} options[N_OPTIONS] = {
  [OPTION_INCLUDE_IMAGE_BASE64] = { "include_image_base64", NULL, TRUE },
  [OPTION_IMAGE_LIMIT] = { "image_limit", NULL, FALSE },
  [OPTION_IMAGE_MIN_SIZE] = { "image_min_size", NULL, FALSE },
  [OPTION_TABLE_FORMAT] = { "table_format", mistral_ocr_table_format_get_type, FALSE },
  [OPTION_EXTRACT_HEADER] = { "extract_header", NULL, TRUE },
  [OPTION_EXTRACT_FOOTER] = { "extract_footer", NULL, TRUE },
  [OPTION_INCLUDE_BLOCKS] = { "include_blocks", NULL, TRUE },
  [OPTION_CONFIDENCE_SCORES_GRANULARITY] = { "confidence_scores_granularity",
                                             mistral_ocr_confidence_granularity_get_type, FALSE },
};

static void
mistral_ocr_request_finalize (GObject *object)
{
  MistralOcrRequest *self = MISTRAL_OCR_REQUEST (object);

  g_free (self->model);
  g_free (self->source);
  g_free (self->document_name);
  g_clear_object (&self->file);
  g_free (self->pages);
  g_clear_object (&self->bbox_annotation_format);
  g_clear_object (&self->document_annotation_format);
  g_free (self->document_annotation_prompt);

  G_OBJECT_CLASS (mistral_ocr_request_parent_class)->finalize (object);
}

static void
ocr_request_set_option (MistralOcrRequest *self,
                        Option             option,
                        int                value)
{
  mistral_request_set_option (G_OBJECT (self), &self->options[option], &self->options_set[option], value,
                              properties[PROP_OPTIONS + 2 * option],
                              properties[PROP_OPTIONS + 2 * option + 1]);
}

static void
ocr_request_set_string (MistralOcrRequest *self,
                        char             **field,
                        const char        *value,
                        int                prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
ocr_request_set_format (MistralOcrRequest      *self,
                        MistralResponseFormat **field,
                        MistralResponseFormat  *format,
                        int                     prop)
{
  if (g_set_object (field, format))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* The property that holds the document of @type. */
static int
ocr_request_document_prop (MistralOcrDocumentType type)
{
  switch (type)
    {
    case MISTRAL_OCR_DOCUMENT_TYPE_DOCUMENT_URL: return PROP_DOCUMENT_URL;
    case MISTRAL_OCR_DOCUMENT_TYPE_IMAGE_URL: return PROP_IMAGE_URL;
    case MISTRAL_OCR_DOCUMENT_TYPE_FILE_ID: return PROP_FILE_ID;
    case MISTRAL_OCR_DOCUMENT_TYPE_FILE: return PROP_FILE;
    case MISTRAL_OCR_DOCUMENT_TYPE_NONE:
    default: return PROP_0;
    }
}

/* Makes @type, from @source or @file (NULL for neither), the document;
 * clearing the document of @type when both are NULL. A document of
 * another type is replaced, and its property notified. */
static void
ocr_request_set_document (MistralOcrRequest      *self,
                          MistralOcrDocumentType  type,
                          const char             *source,
                          GFile                  *file)
{
  MistralOcrDocumentType old_type = self->document_type;
  g_autofree char *old_source = g_steal_pointer (&self->source);
  g_autoptr(GFile) old_file = g_steal_pointer (&self->file);
  gboolean clear = source == NULL && file == NULL;

  if (clear && old_type != type)
    {
      /* Clearing a document that is not the current one changes nothing. */
      self->source = g_steal_pointer (&old_source);
      self->file = g_steal_pointer (&old_file);
      return;
    }

  self->document_type = clear ? MISTRAL_OCR_DOCUMENT_TYPE_NONE : type;
  self->source = g_strdup (source);
  self->file = file != NULL ? g_object_ref (file) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (old_type != type && old_type != MISTRAL_OCR_DOCUMENT_TYPE_NONE)
    g_object_notify_by_pspec (G_OBJECT (self), properties[ocr_request_document_prop (old_type)]);
  if (old_type != type || g_strcmp0 (old_source, source) != 0 || old_file != file)
    g_object_notify_by_pspec (G_OBJECT (self), properties[ocr_request_document_prop (type)]);
  if (old_type != self->document_type)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_TYPE]);
  g_object_thaw_notify (G_OBJECT (self));
}

static const char *
ocr_request_source_of (MistralOcrRequest      *self,
                       MistralOcrDocumentType  type)
{
  return self->document_type == type ? self->source : NULL;
}

static void
mistral_ocr_request_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MistralOcrRequest *self = MISTRAL_OCR_REQUEST (object);

  if (prop_id >= PROP_OPTIONS && prop_id < N_PROPS)
    {
      Option option = (prop_id - PROP_OPTIONS) / 2;

      if ((prop_id - PROP_OPTIONS) % 2 == 1)
        g_value_set_boolean (value, self->options_set[option]);
      else if (options[option].enum_type != NULL)
        g_value_set_enum (value, self->options[option]);
      else if (options[option].boolean)
        g_value_set_boolean (value, self->options[option]);
      else
        g_value_set_int (value, self->options[option]);
      return;
    }

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_DOCUMENT_TYPE:
      g_value_set_enum (value, self->document_type);
      break;
    case PROP_DOCUMENT_URL:
      g_value_set_string (value, mistral_ocr_request_get_document_url (self));
      break;
    case PROP_DOCUMENT_NAME:
      g_value_set_string (value, self->document_name);
      break;
    case PROP_IMAGE_URL:
      g_value_set_string (value, mistral_ocr_request_get_image_url (self));
      break;
    case PROP_FILE_ID:
      g_value_set_string (value, mistral_ocr_request_get_file_id (self));
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_PAGES:
      g_value_set_string (value, self->pages);
      break;
    case PROP_BBOX_ANNOTATION_FORMAT:
      g_value_set_object (value, self->bbox_annotation_format);
      break;
    case PROP_DOCUMENT_ANNOTATION_FORMAT:
      g_value_set_object (value, self->document_annotation_format);
      break;
    case PROP_DOCUMENT_ANNOTATION_PROMPT:
      g_value_set_string (value, self->document_annotation_prompt);
      break;
    case PROP_UPLOAD_LOCAL_FILE:
      g_value_set_boolean (value, self->upload_local_file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_ocr_request_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MistralOcrRequest *self = MISTRAL_OCR_REQUEST (object);

  if (prop_id >= PROP_OPTIONS && prop_id < N_PROPS)
    {
      Option option = (prop_id - PROP_OPTIONS) / 2;

      if ((prop_id - PROP_OPTIONS) % 2 == 1)
        mistral_request_set_flag (G_OBJECT (self), &self->options_set[option], g_value_get_boolean (value), pspec);
      else if (options[option].enum_type != NULL)
        ocr_request_set_option (self, option, g_value_get_enum (value));
      else if (options[option].boolean)
        ocr_request_set_option (self, option, g_value_get_boolean (value));
      else
        ocr_request_set_option (self, option, g_value_get_int (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_MODEL:
      mistral_ocr_request_set_model (self, g_value_get_string (value));
      break;
    case PROP_DOCUMENT_URL:
      mistral_ocr_request_set_document_url (self, g_value_get_string (value));
      break;
    case PROP_DOCUMENT_NAME:
      mistral_ocr_request_set_document_name (self, g_value_get_string (value));
      break;
    case PROP_IMAGE_URL:
      mistral_ocr_request_set_image_url (self, g_value_get_string (value));
      break;
    case PROP_FILE_ID:
      mistral_ocr_request_set_file_id (self, g_value_get_string (value));
      break;
    case PROP_FILE:
      mistral_ocr_request_set_file (self, g_value_get_object (value));
      break;
    case PROP_PAGES:
      mistral_ocr_request_set_pages (self, g_value_get_string (value));
      break;
    case PROP_BBOX_ANNOTATION_FORMAT:
      mistral_ocr_request_set_bbox_annotation_format (self, g_value_get_object (value));
      break;
    case PROP_DOCUMENT_ANNOTATION_FORMAT:
      mistral_ocr_request_set_document_annotation_format (self, g_value_get_object (value));
      break;
    case PROP_DOCUMENT_ANNOTATION_PROMPT:
      mistral_ocr_request_set_document_annotation_prompt (self, g_value_get_string (value));
      break;
    case PROP_UPLOAD_LOCAL_FILE:
      mistral_ocr_request_set_upload_local_file (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
mistral_ocr_request_class_init (MistralOcrRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_ocr_request_finalize;
  object_class->get_property = mistral_ocr_request_get_property;
  object_class->set_property = mistral_ocr_request_set_property;

  /**
   * MistralOcrRequest:model:
   *
   * The OCR model, such as `mistral-ocr-latest`.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralOcrRequest:document-type:
   *
   * Which of the document properties holds the document; the others are
   * %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_DOCUMENT_TYPE] =
    g_param_spec_enum ("document-type", NULL, NULL, MISTRAL_TYPE_OCR_DOCUMENT_TYPE,
                       MISTRAL_OCR_DOCUMENT_TYPE_NONE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralOcrRequest:document-url:
   *
   * The URL of the document (https, or a `data:` URL); setting it replaces
   * any other document.
   *
   * Since: 1.0
   */
  properties[PROP_DOCUMENT_URL] = g_param_spec_string ("document-url", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralOcrRequest:document-name:
   *
   * The file name sent with a document URL or a local file that is not an
   * image (the API's `document_name`); a local file's own name when %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_DOCUMENT_NAME] = g_param_spec_string ("document-name", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralOcrRequest:image-url:
   *
   * The URL of an image to read (https, or a `data:` URL); setting it
   * replaces any other document.
   *
   * Since: 1.0
   */
  properties[PROP_IMAGE_URL] = g_param_spec_string ("image-url", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralOcrRequest:file-id:
   *
   * The id of a file uploaded to the API before; setting it replaces any
   * other document.
   *
   * Since: 1.0
   */
  properties[PROP_FILE_ID] = g_param_spec_string ("file-id", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralOcrRequest:file:
   *
   * A local file, read when the request is sent and sent inline; setting
   * it replaces any other document. See [class@Mistral.OcrRequest] for the
   * size at which to upload it first instead.
   *
   * Since: 1.0
   */
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, RW_FLAGS);

  /**
   * MistralOcrRequest:pages:
   *
   * The pages to read, counted from 0: page numbers and ranges separated
   * by commas, such as `0,2-4`; every page when %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_PAGES] = g_param_spec_string ("pages", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralOcrRequest:bbox-annotation-format:
   *
   * A JSON schema ([ctor@Mistral.ResponseFormat.new_json_schema]) for an
   * annotation of each image found, in [property@Mistral.OcrImage:image-annotation].
   *
   * Since: 1.0
   */
  properties[PROP_BBOX_ANNOTATION_FORMAT] =
    g_param_spec_object ("bbox-annotation-format", NULL, NULL, MISTRAL_TYPE_RESPONSE_FORMAT, RW_FLAGS);

  /**
   * MistralOcrRequest:document-annotation-format:
   *
   * A JSON schema ([ctor@Mistral.ResponseFormat.new_json_schema]) for an
   * annotation of the whole document, in
   * [property@Mistral.OcrResponse:document-annotation].
   *
   * Since: 1.0
   */
  properties[PROP_DOCUMENT_ANNOTATION_FORMAT] =
    g_param_spec_object ("document-annotation-format", NULL, NULL, MISTRAL_TYPE_RESPONSE_FORMAT, RW_FLAGS);

  /**
   * MistralOcrRequest:document-annotation-prompt:
   *
   * A prompt that guides the document annotation; it needs a
   * [property@Mistral.OcrRequest:document-annotation-format].
   *
   * Since: 1.0
   */
  properties[PROP_DOCUMENT_ANNOTATION_PROMPT] =
    g_param_spec_string ("document-annotation-prompt", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralOcrRequest:include-image-base64:
   *
   * Whether the reply carries the bytes of the images it found (then in
   * [property@Mistral.OcrImage:data]).
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_INCLUDE_IMAGE_BASE64] =
    g_param_spec_boolean ("include-image-base64", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:include-image-base64-set:
   *
   * Whether [property@Mistral.OcrRequest:include-image-base64] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_INCLUDE_IMAGE_BASE64 + 1] =
    g_param_spec_boolean ("include-image-base64-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:image-limit:
   *
   * The most images to extract (at least 0).
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_IMAGE_LIMIT] =
    g_param_spec_int ("image-limit", NULL, NULL, G_MININT, G_MAXINT, 0, RW_FLAGS);

  /**
   * MistralOcrRequest:image-limit-set:
   *
   * Whether [property@Mistral.OcrRequest:image-limit] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_IMAGE_LIMIT + 1] =
    g_param_spec_boolean ("image-limit-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:image-min-size:
   *
   * The smallest height and width, in pixels, of an image to extract (at
   * least 0).
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_IMAGE_MIN_SIZE] =
    g_param_spec_int ("image-min-size", NULL, NULL, G_MININT, G_MAXINT, 0, RW_FLAGS);

  /**
   * MistralOcrRequest:image-min-size-set:
   *
   * Whether [property@Mistral.OcrRequest:image-min-size] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_IMAGE_MIN_SIZE + 1] =
    g_param_spec_boolean ("image-min-size-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:table-format:
   *
   * How tables are written; when set, they are taken out of the markdown
   * into [property@Mistral.OcrPage:tables].
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_TABLE_FORMAT] =
    g_param_spec_enum ("table-format", NULL, NULL, MISTRAL_TYPE_OCR_TABLE_FORMAT,
                       MISTRAL_OCR_TABLE_FORMAT_MARKDOWN, RW_FLAGS);

  /**
   * MistralOcrRequest:table-format-set:
   *
   * Whether [property@Mistral.OcrRequest:table-format] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_TABLE_FORMAT + 1] =
    g_param_spec_boolean ("table-format-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:extract-header:
   *
   * Whether each page's header is taken out of its markdown into
   * [property@Mistral.OcrPage:header].
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_EXTRACT_HEADER] =
    g_param_spec_boolean ("extract-header", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:extract-header-set:
   *
   * Whether [property@Mistral.OcrRequest:extract-header] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_EXTRACT_HEADER + 1] =
    g_param_spec_boolean ("extract-header-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:extract-footer:
   *
   * Whether each page's footer is taken out of its markdown into
   * [property@Mistral.OcrPage:footer].
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_EXTRACT_FOOTER] =
    g_param_spec_boolean ("extract-footer", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:extract-footer-set:
   *
   * Whether [property@Mistral.OcrRequest:extract-footer] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_EXTRACT_FOOTER + 1] =
    g_param_spec_boolean ("extract-footer-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:include-blocks:
   *
   * Whether the reply has paragraph-level boxes of each page's blocks (the
   * API's default is %TRUE).
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_INCLUDE_BLOCKS] =
    g_param_spec_boolean ("include-blocks", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:include-blocks-set:
   *
   * Whether [property@Mistral.OcrRequest:include-blocks] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_INCLUDE_BLOCKS + 1] =
    g_param_spec_boolean ("include-blocks-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:confidence-scores-granularity:
   *
   * The granularity of the confidence scores asked for.
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_CONFIDENCE_SCORES_GRANULARITY] =
    g_param_spec_enum ("confidence-scores-granularity", NULL, NULL, MISTRAL_TYPE_OCR_CONFIDENCE_GRANULARITY,
                       MISTRAL_OCR_CONFIDENCE_GRANULARITY_WORD, RW_FLAGS);

  /**
   * MistralOcrRequest:confidence-scores-granularity-set:
   *
   * Whether [property@Mistral.OcrRequest:confidence-scores-granularity] is
   * sent.
   *
   * Since: 1.0
   */
  properties[PROP_OPTIONS + 2 * OPTION_CONFIDENCE_SCORES_GRANULARITY + 1] =
    g_param_spec_boolean ("confidence-scores-granularity-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralOcrRequest:upload-local-file:
   *
   * Whether [method@Mistral.Client.ocr_async] uploads a local
   * [property@Mistral.OcrRequest:file] first, instead of sending it inline:
   * the file is streamed from disk to `POST /v1/files` with the purpose
   * %MISTRAL_FILE_PURPOSE_OCR (never read whole into memory, no base64), the
   * OCR request names it in a `file` chunk, and the uploaded file is
   * deleted again once the OCR reply arrived or the request failed. No
   * size limit applies before sending: the API judges the file.
   *
   * Use it for anything above a few megabytes. It has no effect on the
   * other document types, on [method@Mistral.OcrRequest.to_json], or in a
   * batch job, which carries a local file inline.
   *
   * Since: 1.0
   */
  properties[PROP_UPLOAD_LOCAL_FILE] =
    g_param_spec_boolean ("upload-local-file", NULL, NULL, FALSE, RW_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_ocr_request_init (MistralOcrRequest *self)
{
}

/**
 * mistral_ocr_request_new:
 * @model: the OCR model, such as `mistral-ocr-latest`
 *
 * Creates a request for @model, with no document yet.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 1.0
 */
MistralOcrRequest *
mistral_ocr_request_new (const char *model)
{
  return g_object_new (MISTRAL_TYPE_OCR_REQUEST, "model", model, NULL);
}

/**
 * mistral_ocr_request_new_for_file:
 * @model: the OCR model, such as `mistral-ocr-latest`
 * @file: a local file, sent inline
 *
 * Creates a request to read @file with @model.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 1.0
 */
MistralOcrRequest *
mistral_ocr_request_new_for_file (const char *model,
                                  GFile      *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (MISTRAL_TYPE_OCR_REQUEST, "model", model, "file", file, NULL);
}

/**
 * mistral_ocr_request_get_model: (get-property model)
 * @self: a request
 *
 * Gets the model.
 *
 * Returns: (nullable): the model
 *
 * Since: 1.0
 */
const char *
mistral_ocr_request_get_model (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), NULL);

  return self->model;
}

/**
 * mistral_ocr_request_set_model: (set-property model)
 * @self: a request
 * @model: (nullable): the model
 *
 * Sets the model.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_model (MistralOcrRequest *self,
                               const char        *model)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_string (self, &self->model, model, PROP_MODEL);
}

/**
 * mistral_ocr_request_get_document_type: (get-property document-type)
 * @self: a request
 *
 * Gets which kind of document the request has.
 *
 * Returns: the kind of document, or %MISTRAL_OCR_DOCUMENT_TYPE_NONE
 *
 * Since: 1.0
 */
MistralOcrDocumentType
mistral_ocr_request_get_document_type (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), MISTRAL_OCR_DOCUMENT_TYPE_NONE);

  return self->document_type;
}

/**
 * mistral_ocr_request_get_document_url: (get-property document-url)
 * @self: a request
 *
 * Gets the document URL.
 *
 * Returns: (nullable): the URL, or %NULL when the document is not a
 *   document URL
 *
 * Since: 1.0
 */
const char *
mistral_ocr_request_get_document_url (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), NULL);

  return ocr_request_source_of (self, MISTRAL_OCR_DOCUMENT_TYPE_DOCUMENT_URL);
}

/**
 * mistral_ocr_request_set_document_url: (set-property document-url)
 * @self: a request
 * @url: (nullable): the URL of the document, or %NULL to clear it
 *
 * Makes the document at @url the request's document, replacing any other.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_document_url (MistralOcrRequest *self,
                                      const char        *url)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_document (self, MISTRAL_OCR_DOCUMENT_TYPE_DOCUMENT_URL, url, NULL);
}

/**
 * mistral_ocr_request_get_document_name: (get-property document-name)
 * @self: a request
 *
 * Gets the document name.
 *
 * Returns: (nullable): the document name
 *
 * Since: 1.0
 */
const char *
mistral_ocr_request_get_document_name (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), NULL);

  return self->document_name;
}

/**
 * mistral_ocr_request_set_document_name: (set-property document-name)
 * @self: a request
 * @name: (nullable): the file name of the document
 *
 * Sets the document name.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_document_name (MistralOcrRequest *self,
                                       const char        *name)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_string (self, &self->document_name, name, PROP_DOCUMENT_NAME);
}

/**
 * mistral_ocr_request_get_image_url: (get-property image-url)
 * @self: a request
 *
 * Gets the image URL.
 *
 * Returns: (nullable): the URL, or %NULL when the document is not an
 *   image URL
 *
 * Since: 1.0
 */
const char *
mistral_ocr_request_get_image_url (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), NULL);

  return ocr_request_source_of (self, MISTRAL_OCR_DOCUMENT_TYPE_IMAGE_URL);
}

/**
 * mistral_ocr_request_set_image_url: (set-property image-url)
 * @self: a request
 * @url: (nullable): the URL of the image, or %NULL to clear it
 *
 * Makes the image at @url the request's document, replacing any other.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_image_url (MistralOcrRequest *self,
                                   const char        *url)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_document (self, MISTRAL_OCR_DOCUMENT_TYPE_IMAGE_URL, url, NULL);
}

/**
 * mistral_ocr_request_get_file_id: (get-property file-id)
 * @self: a request
 *
 * Gets the id of the uploaded file.
 *
 * Returns: (nullable): the file id, or %NULL when the document is not an
 *   uploaded file
 *
 * Since: 1.0
 */
const char *
mistral_ocr_request_get_file_id (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), NULL);

  return ocr_request_source_of (self, MISTRAL_OCR_DOCUMENT_TYPE_FILE_ID);
}

/**
 * mistral_ocr_request_set_file_id: (set-property file-id)
 * @self: a request
 * @file_id: (nullable): the id of a file uploaded before, or %NULL to
 *   clear it
 *
 * Makes the uploaded file @file_id the request's document, replacing any
 * other.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_file_id (MistralOcrRequest *self,
                                 const char        *file_id)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_document (self, MISTRAL_OCR_DOCUMENT_TYPE_FILE_ID, file_id, NULL);
}

/**
 * mistral_ocr_request_get_file: (get-property file)
 * @self: a request
 *
 * Gets the local file.
 *
 * Returns: (nullable) (transfer none): the file, or %NULL when the
 *   document is not a local file
 *
 * Since: 1.0
 */
GFile *
mistral_ocr_request_get_file (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), NULL);

  return self->file;
}

/**
 * mistral_ocr_request_set_file: (set-property file)
 * @self: a request
 * @file: (nullable): a local file, or %NULL to clear it
 *
 * Makes the local @file the request's document, replacing any other. It
 * is read when the request is sent.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_file (MistralOcrRequest *self,
                              GFile             *file)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  ocr_request_set_document (self, MISTRAL_OCR_DOCUMENT_TYPE_FILE, NULL, file);
}

/**
 * mistral_ocr_request_get_pages: (get-property pages)
 * @self: a request
 *
 * Gets the pages to read.
 *
 * Returns: (nullable): the pages, such as `0,2-4`, or %NULL for all
 *
 * Since: 1.0
 */
const char *
mistral_ocr_request_get_pages (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), NULL);

  return self->pages;
}

/**
 * mistral_ocr_request_set_pages: (set-property pages)
 * @self: a request
 * @pages: (nullable): page numbers and ranges from 0, such as `0,2-4`, or
 *   %NULL for all
 *
 * Sets the pages to read.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_pages (MistralOcrRequest *self,
                               const char        *pages)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_string (self, &self->pages, pages, PROP_PAGES);
}

/**
 * mistral_ocr_request_get_include_image_base64: (get-property include-image-base64)
 * @self: a request
 *
 * Gets whether the reply carries the images' bytes.
 *
 * Returns: the option's value
 *
 * Since: 1.0
 */
gboolean
mistral_ocr_request_get_include_image_base64 (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), FALSE);

  return self->options[OPTION_INCLUDE_IMAGE_BASE64];
}

/**
 * mistral_ocr_request_set_include_image_base64: (set-property include-image-base64)
 * @self: a request
 * @include: whether the reply carries the images' bytes
 *
 * Sets the option, and marks it set.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_include_image_base64 (MistralOcrRequest *self,
                                              gboolean           include)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_option (self, OPTION_INCLUDE_IMAGE_BASE64, !!include);
}

/**
 * mistral_ocr_request_get_image_limit: (get-property image-limit)
 * @self: a request
 *
 * Gets the most images to extract.
 *
 * Returns: the option's value
 *
 * Since: 1.0
 */
int
mistral_ocr_request_get_image_limit (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), 0);

  return self->options[OPTION_IMAGE_LIMIT];
}

/**
 * mistral_ocr_request_set_image_limit: (set-property image-limit)
 * @self: a request
 * @limit: the most images to extract, at least 0
 *
 * Sets the option, and marks it set.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_image_limit (MistralOcrRequest *self,
                                     int                limit)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_option (self, OPTION_IMAGE_LIMIT, limit);
}

/**
 * mistral_ocr_request_get_image_min_size: (get-property image-min-size)
 * @self: a request
 *
 * Gets the smallest size of an image to extract.
 *
 * Returns: the option's value
 *
 * Since: 1.0
 */
int
mistral_ocr_request_get_image_min_size (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), 0);

  return self->options[OPTION_IMAGE_MIN_SIZE];
}

/**
 * mistral_ocr_request_set_image_min_size: (set-property image-min-size)
 * @self: a request
 * @size: the smallest height and width in pixels, at least 0
 *
 * Sets the option, and marks it set.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_image_min_size (MistralOcrRequest *self,
                                        int                size)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_option (self, OPTION_IMAGE_MIN_SIZE, size);
}

/**
 * mistral_ocr_request_get_table_format: (get-property table-format)
 * @self: a request
 *
 * Gets the table format.
 *
 * Returns: the option's value
 *
 * Since: 1.0
 */
MistralOcrTableFormat
mistral_ocr_request_get_table_format (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), MISTRAL_OCR_TABLE_FORMAT_MARKDOWN);

  return self->options[OPTION_TABLE_FORMAT];
}

/**
 * mistral_ocr_request_set_table_format: (set-property table-format)
 * @self: a request
 * @format: the table format (not %MISTRAL_OCR_TABLE_FORMAT_UNKNOWN)
 *
 * Sets the option, and marks it set.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_table_format (MistralOcrRequest     *self,
                                      MistralOcrTableFormat  format)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));
  g_return_if_fail (format < MISTRAL_OCR_TABLE_FORMAT_UNKNOWN);

  ocr_request_set_option (self, OPTION_TABLE_FORMAT, format);
}

/**
 * mistral_ocr_request_get_extract_header: (get-property extract-header)
 * @self: a request
 *
 * Gets whether headers are extracted.
 *
 * Returns: the option's value
 *
 * Since: 1.0
 */
gboolean
mistral_ocr_request_get_extract_header (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), FALSE);

  return self->options[OPTION_EXTRACT_HEADER];
}

/**
 * mistral_ocr_request_set_extract_header: (set-property extract-header)
 * @self: a request
 * @extract: whether headers are extracted
 *
 * Sets the option, and marks it set.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_extract_header (MistralOcrRequest *self,
                                        gboolean           extract)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_option (self, OPTION_EXTRACT_HEADER, !!extract);
}

/**
 * mistral_ocr_request_get_extract_footer: (get-property extract-footer)
 * @self: a request
 *
 * Gets whether footers are extracted.
 *
 * Returns: the option's value
 *
 * Since: 1.0
 */
gboolean
mistral_ocr_request_get_extract_footer (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), FALSE);

  return self->options[OPTION_EXTRACT_FOOTER];
}

/**
 * mistral_ocr_request_set_extract_footer: (set-property extract-footer)
 * @self: a request
 * @extract: whether footers are extracted
 *
 * Sets the option, and marks it set.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_extract_footer (MistralOcrRequest *self,
                                        gboolean           extract)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_option (self, OPTION_EXTRACT_FOOTER, !!extract);
}

/**
 * mistral_ocr_request_get_include_blocks: (get-property include-blocks)
 * @self: a request
 *
 * Gets whether the reply has the pages' blocks.
 *
 * Returns: the option's value
 *
 * Since: 1.0
 */
gboolean
mistral_ocr_request_get_include_blocks (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), FALSE);

  return self->options[OPTION_INCLUDE_BLOCKS];
}

/**
 * mistral_ocr_request_set_include_blocks: (set-property include-blocks)
 * @self: a request
 * @include: whether the reply has the pages' blocks
 *
 * Sets the option, and marks it set.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_include_blocks (MistralOcrRequest *self,
                                        gboolean           include)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_option (self, OPTION_INCLUDE_BLOCKS, !!include);
}

/**
 * mistral_ocr_request_get_confidence_scores_granularity: (get-property confidence-scores-granularity)
 * @self: a request
 *
 * Gets the granularity of the confidence scores.
 *
 * Returns: the option's value
 *
 * Since: 1.0
 */
MistralOcrConfidenceGranularity
mistral_ocr_request_get_confidence_scores_granularity (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), MISTRAL_OCR_CONFIDENCE_GRANULARITY_WORD);

  return self->options[OPTION_CONFIDENCE_SCORES_GRANULARITY];
}

/**
 * mistral_ocr_request_set_confidence_scores_granularity: (set-property confidence-scores-granularity)
 * @self: a request
 * @granularity: the granularity of the confidence scores
 *
 * Sets the option, and marks it set.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_confidence_scores_granularity (MistralOcrRequest               *self,
                                                       MistralOcrConfidenceGranularity  granularity)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));
  g_return_if_fail (granularity <= MISTRAL_OCR_CONFIDENCE_GRANULARITY_BLOCK);

  ocr_request_set_option (self, OPTION_CONFIDENCE_SCORES_GRANULARITY, granularity);
}

/**
 * mistral_ocr_request_get_bbox_annotation_format: (get-property bbox-annotation-format)
 * @self: a request
 *
 * Gets the format of the images' annotations.
 *
 * Returns: (nullable) (transfer none): the format
 *
 * Since: 1.0
 */
MistralResponseFormat *
mistral_ocr_request_get_bbox_annotation_format (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), NULL);

  return self->bbox_annotation_format;
}

/**
 * mistral_ocr_request_set_bbox_annotation_format: (set-property bbox-annotation-format)
 * @self: a request
 * @format: (nullable): a JSON schema format, or %NULL for none
 *
 * Sets the format of the images' annotations.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_bbox_annotation_format (MistralOcrRequest     *self,
                                                MistralResponseFormat *format)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));
  g_return_if_fail (format == NULL || MISTRAL_IS_RESPONSE_FORMAT (format));

  ocr_request_set_format (self, &self->bbox_annotation_format, format, PROP_BBOX_ANNOTATION_FORMAT);
}

/**
 * mistral_ocr_request_get_document_annotation_format: (get-property document-annotation-format)
 * @self: a request
 *
 * Gets the format of the document's annotation.
 *
 * Returns: (nullable) (transfer none): the format
 *
 * Since: 1.0
 */
MistralResponseFormat *
mistral_ocr_request_get_document_annotation_format (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), NULL);

  return self->document_annotation_format;
}

/**
 * mistral_ocr_request_set_document_annotation_format: (set-property document-annotation-format)
 * @self: a request
 * @format: (nullable): a JSON schema format, or %NULL for none
 *
 * Sets the format of the document's annotation.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_document_annotation_format (MistralOcrRequest     *self,
                                                    MistralResponseFormat *format)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));
  g_return_if_fail (format == NULL || MISTRAL_IS_RESPONSE_FORMAT (format));

  ocr_request_set_format (self, &self->document_annotation_format, format, PROP_DOCUMENT_ANNOTATION_FORMAT);
}

/**
 * mistral_ocr_request_get_document_annotation_prompt: (get-property document-annotation-prompt)
 * @self: a request
 *
 * Gets the prompt of the document annotation.
 *
 * Returns: (nullable): the prompt
 *
 * Since: 1.0
 */
const char *
mistral_ocr_request_get_document_annotation_prompt (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), NULL);

  return self->document_annotation_prompt;
}

/**
 * mistral_ocr_request_set_document_annotation_prompt: (set-property document-annotation-prompt)
 * @self: a request
 * @prompt: (nullable): the prompt, or %NULL for none
 *
 * Sets the prompt of the document annotation.
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_document_annotation_prompt (MistralOcrRequest *self,
                                                    const char        *prompt)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  ocr_request_set_string (self, &self->document_annotation_prompt, prompt, PROP_DOCUMENT_ANNOTATION_PROMPT);
}

/**
 * mistral_ocr_request_get_upload_local_file: (get-property upload-local-file)
 * @self: a request
 *
 * Gets whether a local file is uploaded first.
 *
 * Returns: whether a local file is uploaded first
 *
 * Since: 1.0
 */
gboolean
mistral_ocr_request_get_upload_local_file (MistralOcrRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), FALSE);

  return self->upload_local_file;
}

/**
 * mistral_ocr_request_set_upload_local_file: (set-property upload-local-file)
 * @self: a request
 * @upload: whether a local file is uploaded first
 *
 * Sets [property@Mistral.OcrRequest:upload-local-file].
 *
 * Since: 1.0
 */
void
mistral_ocr_request_set_upload_local_file (MistralOcrRequest *self,
                                           gboolean           upload)
{
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (self));

  upload = !!upload;
  if (self->upload_local_file == upload)
    return;
  self->upload_local_file = upload;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPLOAD_LOCAL_FILE]);
}

/* Checking and writing ------------------------------------------------------ */

static gboolean
ocr_request_invalid (GError     **error,
                     const char  *message)
{
  g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST, message);
  return FALSE;
}

/* "3", "0,2-4": numbers and ascending ranges, comma-separated, nothing
 * else (the API's string form of `pages`). */
static gboolean
ocr_request_pages_valid (const char *pages)
{
  const char *p = pages;

  for (;;)
    {
      guint64 first, last;
      char *end;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      first = g_ascii_strtoull (p, &end, 10);
      p = end;
      if (*p == '-')
        {
          p++;
          if (!g_ascii_isdigit (*p))
            return FALSE;
          last = g_ascii_strtoull (p, &end, 10);
          p = end;
          if (last < first)
            return FALSE;
        }
      if (*p != ',')
        break;
      p++;
    }

  return *p == '\0';
}

static gboolean
ocr_request_check_format (MistralResponseFormat  *format,
                          const char             *name,
                          GError                **error)
{
  if (format == NULL ||
      mistral_response_format_get_format_type (format) == MISTRAL_RESPONSE_FORMAT_TYPE_JSON_SCHEMA)
    return TRUE;

  g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
               "%s must be a JSON schema format", name);
  return FALSE;
}

gboolean
mistral_ocr_request_validate (MistralOcrRequest  *self,
                      GError            **error)
{
  if (self->model == NULL || *self->model == '\0')
    return ocr_request_invalid (error, "The request has no model");
  if (self->document_type == MISTRAL_OCR_DOCUMENT_TYPE_NONE ||
      (self->document_type != MISTRAL_OCR_DOCUMENT_TYPE_FILE && *self->source == '\0'))
    return ocr_request_invalid (error, "The request has no document");
  if (self->pages != NULL && !ocr_request_pages_valid (self->pages))
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                   "pages is “%s”; it must be page numbers and ranges from 0, such as “0,2-4”", self->pages);
      return FALSE;
    }
  if ((self->options_set[OPTION_IMAGE_LIMIT] &&
       !mistral_request_check_range ("image-limit", self->options[OPTION_IMAGE_LIMIT], 0, TRUE, G_MAXINT, error)) ||
      (self->options_set[OPTION_IMAGE_MIN_SIZE] &&
       !mistral_request_check_range ("image-min-size", self->options[OPTION_IMAGE_MIN_SIZE], 0, TRUE, G_MAXINT,
                                     error)))
    return FALSE;
  if (self->options_set[OPTION_TABLE_FORMAT] && self->options[OPTION_TABLE_FORMAT] == MISTRAL_OCR_TABLE_FORMAT_UNKNOWN)
    return ocr_request_invalid (error, "table-format is UNKNOWN, which only a reply may have");
  if (!ocr_request_check_format (self->bbox_annotation_format, "bbox-annotation-format", error) ||
      !ocr_request_check_format (self->document_annotation_format, "document-annotation-format", error))
    return FALSE;
  if (self->document_annotation_prompt != NULL && self->document_annotation_format == NULL)
    return ocr_request_invalid (error, "document-annotation-prompt needs a document-annotation-format");

  return TRUE;
}

/* A local file as a chunk with its bytes in a data: URL. */
static void
ocr_request_write_file (MistralOcrRequest *self,
                        GBytes            *contents,
                        JsonBuilder       *builder)
{
  g_autofree char *basename = g_file_get_basename (self->file);
  gconstpointer data;
  gsize size;
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *base64 = NULL;
  g_autofree char *url = NULL;
  gboolean image;

  data = g_bytes_get_data (contents, &size);
  content_type = g_content_type_guess (basename, data, size, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  if (mime_type == NULL)
    mime_type = g_strdup ("application/octet-stream");
  image = g_str_has_prefix (mime_type, "image/");
  base64 = g_base64_encode (data, size);
  url = g_strconcat ("data:", mime_type, ";base64,", base64, NULL);

  mistral_json_add_string (builder, "type", image ? "image_url" : "document_url");
  mistral_json_add_string (builder, image ? "image_url" : "document_url", url);
  if (!image)
    mistral_json_add_string (builder, "document_name",
                             self->document_name != NULL ? self->document_name : basename);
}

static void
ocr_request_write_document (MistralOcrRequest *self,
                            GBytes            *contents,
                            const char        *uploaded_id,
                            JsonBuilder       *builder)
{
  json_builder_set_member_name (builder, "document");
  json_builder_begin_object (builder);
  if (uploaded_id != NULL)
    {
      /* The local file, uploaded first: its id instead of its bytes. */
      mistral_json_add_string (builder, "type", "file");
      mistral_json_add_string (builder, "file_id", uploaded_id);
      json_builder_end_object (builder);
      return;
    }
  switch (self->document_type)
    {
    case MISTRAL_OCR_DOCUMENT_TYPE_DOCUMENT_URL:
      mistral_json_add_string (builder, "type", "document_url");
      mistral_json_add_string (builder, "document_url", self->source);
      mistral_json_add_string (builder, "document_name", self->document_name);
      break;
    case MISTRAL_OCR_DOCUMENT_TYPE_IMAGE_URL:
      mistral_json_add_string (builder, "type", "image_url");
      mistral_json_add_string (builder, "image_url", self->source);
      break;
    case MISTRAL_OCR_DOCUMENT_TYPE_FILE_ID:
      mistral_json_add_string (builder, "type", "file");
      mistral_json_add_string (builder, "file_id", self->source);
      break;
    case MISTRAL_OCR_DOCUMENT_TYPE_FILE:
      ocr_request_write_file (self, contents, builder);
      break;
    case MISTRAL_OCR_DOCUMENT_TYPE_NONE:
    default:
      g_assert_not_reached ();
    }
  json_builder_end_object (builder);
}

static void
ocr_request_add_format (JsonBuilder           *builder,
                        const char            *member,
                        MistralResponseFormat *format)
{
  if (format == NULL)
    return;
  json_builder_set_member_name (builder, member);
  mistral_response_format_write_json (format, builder);
}

static void
ocr_request_write_json (MistralOcrRequest *self,
                        GBytes            *contents,
                        const char        *uploaded_id,
                        JsonBuilder       *builder)
{
  json_builder_begin_object (builder);
  mistral_json_add_string (builder, "model", self->model);
  ocr_request_write_document (self, contents, uploaded_id, builder);
  mistral_json_add_string (builder, "pages", self->pages);

  for (Option option = 0; option < N_OPTIONS; option++)
    {
      if (!self->options_set[option])
        continue;
      if (options[option].enum_type != NULL)
        mistral_json_add_enum (builder, options[option].member, options[option].enum_type (),
                               self->options[option]);
      else
        {
          json_builder_set_member_name (builder, options[option].member);
          if (options[option].boolean)
            json_builder_add_boolean_value (builder, self->options[option]);
          else
            json_builder_add_int_value (builder, self->options[option]);
        }
    }

  ocr_request_add_format (builder, "bbox_annotation_format", self->bbox_annotation_format);
  ocr_request_add_format (builder, "document_annotation_format", self->document_annotation_format);
  mistral_json_add_string (builder, "document_annotation_prompt", self->document_annotation_prompt);
  json_builder_end_object (builder);
}

static GBytes *
ocr_request_to_bytes (MistralOcrRequest  *self,
                      GBytes             *contents,
                      const char         *uploaded_id,
                      GError            **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!mistral_ocr_request_validate (self, error))
    return NULL;

  builder = json_builder_new ();
  ocr_request_write_json (self, contents, uploaded_id, builder);
  root = json_builder_get_root (builder);

  return mistral_json_to_bytes (root, error);
}

GBytes *
mistral_ocr_request_to_bytes (MistralOcrRequest  *self,
                              GBytes             *contents,
                              GError            **error)
{
  g_return_val_if_fail (self->document_type != MISTRAL_OCR_DOCUMENT_TYPE_FILE || contents != NULL, NULL);
  g_return_val_if_fail (self->document_type == MISTRAL_OCR_DOCUMENT_TYPE_FILE || contents == NULL, NULL);

  return ocr_request_to_bytes (self, contents, NULL, error);
}

GBytes *
mistral_ocr_request_to_bytes_for_upload (MistralOcrRequest  *self,
                                         const char         *file_id,
                                         GError            **error)
{
  g_return_val_if_fail (self->document_type == MISTRAL_OCR_DOCUMENT_TYPE_FILE, NULL);
  g_return_val_if_fail (file_id != NULL, NULL);

  return ocr_request_to_bytes (self, NULL, file_id, error);
}

/* Reading a local file ------------------------------------------------------ */

static GError *
ocr_request_too_large (GFile *file)
{
  g_autofree char *name = g_file_get_parse_name (file);

  return g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                      "%s is larger than %d bytes, too large to send inline: upload it first and send its id",
                      name, MISTRAL_OCR_MAX_INLINE_SIZE);
}

/* Stops reading once the file is known to be too large. */
static gboolean
ocr_request_read_more (const char *contents,
                       goffset     size,
                       gpointer    user_data)
{
  return size <= MISTRAL_OCR_MAX_INLINE_SIZE;
}

static void
ocr_request_file_loaded (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *contents;
  gsize length;

  if (!g_file_load_partial_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (length > MISTRAL_OCR_MAX_INLINE_SIZE)
    {
      g_free (contents);
      g_task_return_error (task, ocr_request_too_large (G_FILE (source)));
      return;
    }
  g_task_return_pointer (task, g_bytes_new_take (contents, length), (GDestroyNotify) g_bytes_unref);
}

void
mistral_ocr_request_load_file_async (MistralOcrRequest   *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mistral_ocr_request_load_file_async);
  g_file_load_partial_contents_async (self->file, cancellable, ocr_request_read_more,
                                      ocr_request_file_loaded, task);
}

GBytes *
mistral_ocr_request_load_file_finish (MistralOcrRequest  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
mistral_ocr_request_load_file (MistralOcrRequest  *self,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autoptr(GFileInfo) info = NULL;
  char *contents;
  gsize length;

  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > MISTRAL_OCR_MAX_INLINE_SIZE)
    {
      g_propagate_error (error, ocr_request_too_large (self->file));
      return NULL;
    }
  if (!g_file_load_contents (self->file, cancellable, &contents, &length, NULL, error))
    return NULL;
  return g_bytes_new_take (contents, length);
}

/**
 * mistral_ocr_request_to_json:
 * @self: a request
 * @cancellable: (nullable): a #GCancellable, for reading a local file
 * @error: return location for a #GError
 *
 * Serialises the request into the exact JSON body that is sent, after
 * checking it against the API's rules. A local file is read here, and
 * blocks while it is.
 *
 * Returns: (transfer full): the JSON body, or %NULL with
 *   %MISTRAL_ERROR_INVALID_REQUEST, or the error of reading the local file
 *
 * Since: 1.0
 */
char *
mistral_ocr_request_to_json (MistralOcrRequest  *self,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize length;

  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mistral_ocr_request_validate (self, error))
    return NULL;
  if (self->document_type == MISTRAL_OCR_DOCUMENT_TYPE_FILE)
    {
      contents = mistral_ocr_request_load_file (self, cancellable, error);
      if (contents == NULL)
        return NULL;
    }
  body = mistral_ocr_request_to_bytes (self, contents, error);
  /* The text is nul-terminated: it came from json_to_string(). */
  return body != NULL ? g_bytes_unref_to_data (g_steal_pointer (&body), &length) : NULL;
}
