// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* A multipart/form-data body (RFC 7578) for uploads, streamed: files are
 * read as the request is sent, never held in memory. Each attempt of a
 * request opens the body anew; a body can be sent again only if each of
 * its parts can (fields and files always; a caller's stream if it can
 * seek back to where it started). libsoup's SoupMultipart builds the
 * whole body in memory, so it only serves to read multipart in tests. */

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MistralMultipart MistralMultipart;

MistralMultipart *mistral_multipart_new              (void);
MistralMultipart *mistral_multipart_ref              (MistralMultipart  *self);
void              mistral_multipart_unref            (MistralMultipart  *self);

void              mistral_multipart_add_field        (MistralMultipart  *self,
                                                      const char        *name,
                                                      const char        *value);
/* @size is the file's size in bytes, or -1 if unknown. */
void              mistral_multipart_add_file         (MistralMultipart  *self,
                                                      const char        *name,
                                                      const char        *filename,
                                                      const char        *content_type,
                                                      GFile             *file,
                                                      goffset            size);
void              mistral_multipart_add_stream       (MistralMultipart  *self,
                                                      const char        *name,
                                                      const char        *filename,
                                                      const char        *content_type,
                                                      GInputStream      *stream,
                                                      goffset            size);

const char       *mistral_multipart_get_content_type (MistralMultipart  *self);
goffset           mistral_multipart_get_length       (MistralMultipart  *self);
gboolean          mistral_multipart_can_resend       (MistralMultipart  *self);
GInputStream     *mistral_multipart_open             (MistralMultipart  *self,
                                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MistralMultipart, mistral_multipart_unref)

G_END_DECLS
