// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-file-transfer-private.h"

/**
 * MistralFileTransfer:
 *
 * The progress of an upload ([method@Mistral.Client.upload_file_async]) or
 * a download ([method@Mistral.Client.download_file_async]): how many
 * bytes went, out of how many.
 *
 * Its properties are notified on the thread-default main context of the
 * thread that started the transfer, in order, and the last notification
 * comes before the call's callback. Bind them to a progress bar, or
 * connect to `notify::bytes-transferred`; from Python:
 *
 * ```python
 * transfer = Mistral.FileTransfer()
 * transfer.connect("notify::bytes-transferred",
 *                  lambda t, _: print(t.props.bytes_transferred, "of", t.props.total_bytes))
 * client.upload_file_async(gfile, Mistral.FilePurpose.BATCH, transfer, None, on_uploaded)
 * ```
 *
 * An upload counts the bytes of the whole request body (the multipart
 * envelope too); if the request is sent again (a retry), the count starts
 * again from 0. A transfer object serves one call at a time.
 *
 * Since: 1.0
 */

struct _MistralFileTransfer
{
  GObject parent_instance;

  /* On the transfer's context */
  gint64 transferred;
  gint64 total;

  /* Guarded by lock: the newest report, and whether its notification is
   * on its way. */
  GMutex lock;
  GMainContext *context;
  gint64 reported;
  gint64 reported_total;
  gboolean pending;
};

G_DEFINE_FINAL_TYPE (MistralFileTransfer, mistral_file_transfer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BYTES_TRANSFERRED,
  PROP_TOTAL_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_file_transfer_finalize (GObject *object)
{
  MistralFileTransfer *self = MISTRAL_FILE_TRANSFER (object);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mistral_file_transfer_parent_class)->finalize (object);
}

static void
mistral_file_transfer_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MistralFileTransfer *self = MISTRAL_FILE_TRANSFER (object);

  switch (prop_id)
    {
    case PROP_BYTES_TRANSFERRED:
      g_value_set_int64 (value, self->transferred);
      break;
    case PROP_TOTAL_BYTES:
      g_value_set_int64 (value, self->total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_file_transfer_class_init (MistralFileTransferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_file_transfer_finalize;
  object_class->get_property = mistral_file_transfer_get_property;

  /**
   * MistralFileTransfer:bytes-transferred: (getter get_bytes_transferred)
   *
   * The bytes sent (upload) or received (download) so far.
   *
   * Since: 1.0
   */
  properties[PROP_BYTES_TRANSFERRED] =
    g_param_spec_int64 ("bytes-transferred", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * MistralFileTransfer:total-bytes: (getter get_total_bytes)
   *
   * The bytes the transfer will move in all, or -1 while unknown (a
   * download whose length the server does not give).
   *
   * Since: 1.0
   */
  properties[PROP_TOTAL_BYTES] =
    g_param_spec_int64 ("total-bytes", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_file_transfer_init (MistralFileTransfer *self)
{
  g_mutex_init (&self->lock);
  self->total = -1;
}

/**
 * mistral_file_transfer_new:
 *
 * Makes a progress object to give to an upload or a download.
 *
 * Returns: (transfer full): a new transfer, at 0 bytes of an unknown total
 *
 * Since: 1.0
 */
MistralFileTransfer *
mistral_file_transfer_new (void)
{
  return g_object_new (MISTRAL_TYPE_FILE_TRANSFER, NULL);
}

/**
 * mistral_file_transfer_get_bytes_transferred: (get-property bytes-transferred)
 * @self: a transfer
 *
 * Gets [property@Mistral.FileTransfer:bytes-transferred].
 *
 * Returns: the bytes moved so far
 *
 * Since: 1.0
 */
gint64
mistral_file_transfer_get_bytes_transferred (MistralFileTransfer *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE_TRANSFER (self), 0);
  return self->transferred;
}

/**
 * mistral_file_transfer_get_total_bytes: (get-property total-bytes)
 * @self: a transfer
 *
 * Gets [property@Mistral.FileTransfer:total-bytes].
 *
 * Returns: the bytes to move in all, or -1 if unknown
 *
 * Since: 1.0
 */
gint64
mistral_file_transfer_get_total_bytes (MistralFileTransfer *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE_TRANSFER (self), -1);
  return self->total;
}

void
mistral_file_transfer_set (MistralFileTransfer *self,
                           gint64               transferred,
                           gint64               total)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_BYTES]);
    }
  if (self->transferred != transferred)
    {
      self->transferred = transferred;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_TRANSFERRED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
mistral_file_transfer_start (MistralFileTransfer *self,
                             gint64               total)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->reported = 0;
  self->reported_total = total;
  g_mutex_unlock (&self->lock);

  mistral_file_transfer_set (self, 0, total);
}

static gboolean
transfer_on_report (gpointer user_data)
{
  MistralFileTransfer *self = user_data;
  gint64 transferred, total;

  g_mutex_lock (&self->lock);
  transferred = self->reported;
  total = self->reported_total;
  self->pending = FALSE;
  g_mutex_unlock (&self->lock);

  mistral_file_transfer_set (self, transferred, total);
  return G_SOURCE_REMOVE;
}

void
mistral_file_transfer_report (MistralFileTransfer *self,
                              gint64               transferred,
                              gint64               total)
{
  gboolean schedule;

  g_mutex_lock (&self->lock);
  self->reported = transferred;
  self->reported_total = total;
  schedule = !self->pending && self->context != NULL;
  self->pending = TRUE;
  if (schedule)
    {
      /* Never run here, even on the transfer's own thread: the lock is held. */
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, transfer_on_report, g_object_ref (self), g_object_unref);
      g_source_attach (source, self->context);
    }
  g_mutex_unlock (&self->lock);
}
