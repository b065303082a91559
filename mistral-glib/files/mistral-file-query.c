// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-enum-types.h"
#include "mistral-file-private.h"
#include "mistral-file-query-private.h"

/**
 * MistralFileQuery:
 *
 * Which files [method@Mistral.Client.list_files_async] lists: a page of a
 * given size, and the filters of `GET /v1/files` (purpose, a search in
 * the names, sample types, sources, MIME types). What is left unset is
 * left to the API (page 0 of 100 files, no filter).
 *
 * ## Usage
 *
 * ```c
 * g_autoptr(MistralFileQuery) query = mistral_file_query_new ();
 *
 * mistral_file_query_set_purpose (query, MISTRAL_FILE_PURPOSE_BATCH);
 * mistral_file_query_set_page_size (query, 20);
 * ```
 *
 * Since: 1.0
 */

struct _MistralFileQuery
{
  GObject parent_instance;

  guint page;
  guint page_size;
  MistralFilePurpose purpose;
  char *search;
  GStrv sample_types;
  GStrv sources;
  GStrv mimetypes;
};

G_DEFINE_FINAL_TYPE (MistralFileQuery, mistral_file_query, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_PAGE_SIZE,
  PROP_PURPOSE,
  PROP_SEARCH,
  PROP_SAMPLE_TYPES,
  PROP_SOURCES,
  PROP_MIMETYPES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
mistral_file_query_finalize (GObject *object)
{
  MistralFileQuery *self = MISTRAL_FILE_QUERY (object);

  g_free (self->search);
  g_strfreev (self->sample_types);
  g_strfreev (self->sources);
  g_strfreev (self->mimetypes);

  G_OBJECT_CLASS (mistral_file_query_parent_class)->finalize (object);
}

static void
mistral_file_query_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MistralFileQuery *self = MISTRAL_FILE_QUERY (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_PURPOSE:
      g_value_set_enum (value, self->purpose);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_SAMPLE_TYPES:
      g_value_set_boxed (value, self->sample_types);
      break;
    case PROP_SOURCES:
      g_value_set_boxed (value, self->sources);
      break;
    case PROP_MIMETYPES:
      g_value_set_boxed (value, self->mimetypes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
query_set_strv (MistralFileQuery  *self,
                GStrv             *field,
                const GValue      *value,
                guint              prop_id)
{
  const char * const *strv = g_value_get_boxed (value);

  if ((*field == NULL && strv == NULL) ||
      (*field != NULL && strv != NULL && g_strv_equal ((const char * const *) *field, strv)))
    return;
  g_strfreev (*field);
  *field = g_strdupv ((char **) strv);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
mistral_file_query_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MistralFileQuery *self = MISTRAL_FILE_QUERY (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      mistral_file_query_set_page (self, g_value_get_uint (value));
      break;
    case PROP_PAGE_SIZE:
      mistral_file_query_set_page_size (self, g_value_get_uint (value));
      break;
    case PROP_PURPOSE:
      mistral_file_query_set_purpose (self, g_value_get_enum (value));
      break;
    case PROP_SEARCH:
      mistral_file_query_set_search (self, g_value_get_string (value));
      break;
    case PROP_SAMPLE_TYPES:
      query_set_strv (self, &self->sample_types, value, prop_id);
      break;
    case PROP_SOURCES:
      query_set_strv (self, &self->sources, value, prop_id);
      break;
    case PROP_MIMETYPES:
      query_set_strv (self, &self->mimetypes, value, prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_file_query_class_init (MistralFileQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_file_query_finalize;
  object_class->get_property = mistral_file_query_get_property;
  object_class->set_property = mistral_file_query_set_property;

  /**
   * MistralFileQuery:page: (getter get_page) (setter set_page)
   *
   * The page to list, from 0.
   *
   * Since: 1.0
   */
  properties[PROP_PAGE] = g_param_spec_uint ("page", NULL, NULL, 0, G_MAXINT, 0, RW_FLAGS);
  /**
   * MistralFileQuery:page-size: (getter get_page_size) (setter set_page_size)
   *
   * The files per page, or 0 for the API's default (100).
   *
   * Since: 1.0
   */
  properties[PROP_PAGE_SIZE] = g_param_spec_uint ("page-size", NULL, NULL, 0, G_MAXINT, 0, RW_FLAGS);
  /**
   * MistralFileQuery:purpose: (getter get_purpose) (setter set_purpose)
   *
   * Only files of this purpose; %MISTRAL_FILE_PURPOSE_UNKNOWN for any.
   *
   * Since: 1.0
   */
  properties[PROP_PURPOSE] = g_param_spec_enum ("purpose", NULL, NULL, MISTRAL_TYPE_FILE_PURPOSE,
                                                MISTRAL_FILE_PURPOSE_UNKNOWN, RW_FLAGS);
  /**
   * MistralFileQuery:search: (getter get_search) (setter set_search)
   *
   * Only files whose name contains this text, or %NULL for any.
   *
   * Since: 1.0
   */
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, RW_FLAGS);
  /**
   * MistralFileQuery:sample-types:
   *
   * Only files of these sample types ("pretrain", "instruct",
   * "batch_request", "batch_result", "batch_error"), or %NULL for any.
   *
   * Since: 1.0
   */
  properties[PROP_SAMPLE_TYPES] = g_param_spec_boxed ("sample-types", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  /**
   * MistralFileQuery:sources:
   *
   * Only files from these sources ("upload", "repository", "mistral"),
   * or %NULL for any.
   *
   * Since: 1.0
   */
  properties[PROP_SOURCES] = g_param_spec_boxed ("sources", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  /**
   * MistralFileQuery:mimetypes:
   *
   * Only files of these MIME types, or %NULL for any.
   *
   * Since: 1.0
   */
  properties[PROP_MIMETYPES] = g_param_spec_boxed ("mimetypes", NULL, NULL, G_TYPE_STRV, RW_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_file_query_init (MistralFileQuery *self)
{
}

/**
 * mistral_file_query_new:
 *
 * Makes a new [class@Mistral.FileQuery].
 *
 * Returns: (transfer full): a query for every file, page 0 of the API's size
 *
 * Since: 1.0
 */
MistralFileQuery *
mistral_file_query_new (void)
{
  return g_object_new (MISTRAL_TYPE_FILE_QUERY, NULL);
}

/**
 * mistral_file_query_get_page: (get-property page)
 * @self: a query
 *
 * Gets [property@Mistral.FileQuery:page].
 *
 * Returns: the page to list
 *
 * Since: 1.0
 */
guint
mistral_file_query_get_page (MistralFileQuery *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE_QUERY (self), 0);
  return self->page;
}

/**
 * mistral_file_query_set_page: (set-property page)
 * @self: a query
 * @page: the page, from 0
 *
 * Sets [property@Mistral.FileQuery:page].
 *
 * Since: 1.0
 */
void
mistral_file_query_set_page (MistralFileQuery *self,
                             guint             page)
{
  g_return_if_fail (MISTRAL_IS_FILE_QUERY (self));
  g_return_if_fail (page <= G_MAXINT);

  if (self->page == page)
    return;
  self->page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/**
 * mistral_file_query_get_page_size: (get-property page-size)
 * @self: a query
 *
 * Gets [property@Mistral.FileQuery:page-size].
 *
 * Returns: the files per page, 0 for the API's default
 *
 * Since: 1.0
 */
guint
mistral_file_query_get_page_size (MistralFileQuery *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE_QUERY (self), 0);
  return self->page_size;
}

/**
 * mistral_file_query_set_page_size: (set-property page-size)
 * @self: a query
 * @page_size: the files per page, 0 for the API's default
 *
 * Sets [property@Mistral.FileQuery:page-size].
 *
 * Since: 1.0
 */
void
mistral_file_query_set_page_size (MistralFileQuery *self,
                                  guint             page_size)
{
  g_return_if_fail (MISTRAL_IS_FILE_QUERY (self));
  g_return_if_fail (page_size <= G_MAXINT);

  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

/**
 * mistral_file_query_get_purpose: (get-property purpose)
 * @self: a query
 *
 * Gets [property@Mistral.FileQuery:purpose].
 *
 * Returns: the purpose listed, %MISTRAL_FILE_PURPOSE_UNKNOWN for any
 *
 * Since: 1.0
 */
MistralFilePurpose
mistral_file_query_get_purpose (MistralFileQuery *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE_QUERY (self), MISTRAL_FILE_PURPOSE_UNKNOWN);
  return self->purpose;
}

/**
 * mistral_file_query_set_purpose: (set-property purpose)
 * @self: a query
 * @purpose: the purpose to list, %MISTRAL_FILE_PURPOSE_UNKNOWN for any
 *
 * Sets [property@Mistral.FileQuery:purpose].
 *
 * Since: 1.0
 */
void
mistral_file_query_set_purpose (MistralFileQuery   *self,
                                MistralFilePurpose  purpose)
{
  g_return_if_fail (MISTRAL_IS_FILE_QUERY (self));

  if (self->purpose == purpose)
    return;
  self->purpose = purpose;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PURPOSE]);
}

/**
 * mistral_file_query_get_search: (get-property search)
 * @self: a query
 *
 * Gets [property@Mistral.FileQuery:search].
 *
 * Returns: (nullable): the text searched in the names
 *
 * Since: 1.0
 */
const char *
mistral_file_query_get_search (MistralFileQuery *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE_QUERY (self), NULL);
  return self->search;
}

/**
 * mistral_file_query_set_search: (set-property search)
 * @self: a query
 * @search: (nullable): a text the names must contain, or %NULL
 *
 * Sets [property@Mistral.FileQuery:search].
 *
 * Since: 1.0
 */
void
mistral_file_query_set_search (MistralFileQuery *self,
                               const char       *search)
{
  g_return_if_fail (MISTRAL_IS_FILE_QUERY (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

static void
query_add (GPtrArray  *params,
           const char *name,
           char       *value)
{
  g_ptr_array_add (params, g_strdup (name));
  g_ptr_array_add (params, value);
}

static void
query_add_strv (GPtrArray  *params,
                const char *name,
                GStrv       values)
{
  /* A list goes as the name repeated, as FastAPI reads it. */
  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    query_add (params, name, g_strdup (values[i]));
}

GPtrArray *
mistral_file_query_to_params (MistralFileQuery *self)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (g_free);

  if (self != NULL)
    {
      if (self->page > 0)
        query_add (params, "page", g_strdup_printf ("%u", self->page));
      if (self->page_size > 0)
        query_add (params, "page_size", g_strdup_printf ("%u", self->page_size));
      if (self->purpose != MISTRAL_FILE_PURPOSE_UNKNOWN)
        query_add (params, "purpose", g_strdup (mistral_file_purpose_to_string (self->purpose)));
      if (self->search != NULL)
        query_add (params, "search", g_strdup (self->search));
      query_add_strv (params, "sample_type", self->sample_types);
      query_add_strv (params, "source", self->sources);
      query_add_strv (params, "mimetypes", self->mimetypes);
    }
  g_ptr_array_add (params, NULL);
  return params;
}
