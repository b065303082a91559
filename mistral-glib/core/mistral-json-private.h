// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* What every reader and writer of API JSON shares, and nothing that knows
 * a model class: parsing within the safety limits, reading a member with
 * its type checked and its path named, lists, and the error bodies. Each
 * type reads and writes its own JSON in its own file, on these helpers:
 *
 *   <Type> *mistral_<type>_new_from_json_object (JsonObject *, const char *path, …, GError **);
 *   void    mistral_<type>_write_json           (<Type> *, JsonBuilder *);
 *
 * Reading: unknown members are ignored, missing optional ones are fine, and
 * a member of the wrong type is a MISTRAL_ERROR_INVALID_RESPONSE naming its
 * JSON path: server data is never asserted on. */

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mistral-error.h"
#include "mistral-json.h"

G_BEGIN_DECLS

/* The deepest nesting mistral_json_parse() accepts (the document itself is
 * one level); a faster reader of the same text must refuse what it
 * refuses. */
#define MISTRAL_JSON_MAX_DEPTH 512

/* Parsing ------------------------------------------------------------------ */

JsonNode *mistral_json_parse_object (const char    *text,
                                     const char    *what,
                                     MistralError   code,
                                     GError       **error);

/* Reading ------------------------------------------------------------------ */

typedef enum {
  MISTRAL_JSON_STRING,   /* const char ** (owned by the node) */
  MISTRAL_JSON_INT,      /* gint64 * */
  MISTRAL_JSON_UINT,     /* guint *: an integer within 0 … G_MAXUINT */
  MISTRAL_JSON_DOUBLE,   /* double *: any number */
  MISTRAL_JSON_BOOLEAN,  /* gboolean * */
  MISTRAL_JSON_OBJECT,   /* JsonObject ** (owned by the node) */
  MISTRAL_JSON_ARRAY,    /* JsonArray ** (owned by the node) */
} MistralJsonType;

gboolean  mistral_json_read_member  (JsonObject      *object,
                                     const char      *member,
                                     const char      *path,
                                     MistralJsonType  type,
                                     gpointer         out,
                                     GError         **error);
gboolean  mistral_json_wrong_type   (JsonNode        *node,
                                     const char      *path,
                                     const char      *member,
                                     const char      *expected,
                                     GError         **error);
char     *mistral_json_path_join    (const char      *path,
                                     const char      *member);

/* Reads one element of a list: @position is its place, for the members
 * (an index) that default to it. */
typedef gpointer (*MistralJsonReadFunc) (JsonObject  *object,
                                         const char  *path,
                                         guint        position,
                                         GError     **error);

GListStore *mistral_json_read_list  (JsonArray            *array,
                                     const char           *path,
                                     GType                 item_type,
                                     MistralJsonReadFunc   read_item,
                                     GError              **error);

/* Writing ------------------------------------------------------------------ */

/* Writes one item of a list into @builder. */
typedef void (*MistralJsonWriteFunc) (gpointer     item,
                                      JsonBuilder *builder);

void      mistral_json_add_list     (JsonBuilder          *builder,
                                     GListModel           *list,
                                     MistralJsonWriteFunc  write_item);
void      mistral_json_add_string   (JsonBuilder   *builder,
                                     const char    *member,
                                     const char    *value);
/* A list of strings, left out when @strv is NULL. */
void      mistral_json_add_strv     (JsonBuilder        *builder,
                                     const char         *member,
                                     const char * const *strv);
/* An enum member by its value's nick, which is the API's name ("int8",
 * "html"). */
void      mistral_json_add_enum     (JsonBuilder   *builder,
                                     const char    *member,
                                     GType          enum_type,
                                     int            value);
GBytes   *mistral_json_to_bytes     (JsonNode      *node,
                                     GError       **error);

/* Error bodies ------------------------------------------------------------- */

char     *mistral_json_error_message           (GBytes   *body);
char     *mistral_json_error_message_from_node (JsonNode *node);

G_END_DECLS
