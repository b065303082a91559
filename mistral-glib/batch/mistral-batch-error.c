// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-batch-error-private.h"
#include "mistral-json-private.h"

/**
 * MistralBatchError:
 *
 * One of the errors a batch job reports as a whole (its `errors` list), such
 * as an input file that could not be read: a message, and how many times it
 * happened. The errors of single requests are in the job's error file,
 * read with [method@Mistral.Client.get_batch_results_async].
 *
 * Since: 1.0
 */

struct _MistralBatchError
{
  GObject parent_instance;

  char *message;
  guint count;
};

G_DEFINE_FINAL_TYPE (MistralBatchError, mistral_batch_error, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_batch_error_finalize (GObject *object)
{
  MistralBatchError *self = MISTRAL_BATCH_ERROR (object);

  g_free (self->message);

  G_OBJECT_CLASS (mistral_batch_error_parent_class)->finalize (object);
}

static void
mistral_batch_error_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MistralBatchError *self = MISTRAL_BATCH_ERROR (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_batch_error_class_init (MistralBatchErrorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_batch_error_finalize;
  object_class->get_property = mistral_batch_error_get_property;

  /**
   * MistralBatchError:message:
   *
   * What went wrong.
   *
   * Since: 1.0
   */
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralBatchError:count:
   *
   * How many times it happened (1 when the API does not say).
   *
   * Since: 1.0
   */
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 1,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_batch_error_init (MistralBatchError *self)
{
  self->count = 1;
}

gpointer
mistral_batch_error_new_from_json_object (JsonObject  *object,
                                          const char  *path,
                                          guint        position,
                                          GError     **error)
{
  g_autoptr(MistralBatchError) self = g_object_new (MISTRAL_TYPE_BATCH_ERROR, NULL);
  const char *message = NULL;
  guint count = 1;

  if (!mistral_json_read_member (object, "message", path, MISTRAL_JSON_STRING, &message, error) ||
      !mistral_json_read_member (object, "count", path, MISTRAL_JSON_UINT, &count, error))
    return NULL;

  self->message = g_strdup (message);
  self->count = count;
  return g_steal_pointer (&self);
}

/**
 * mistral_batch_error_get_message:
 * @self: a batch error
 *
 * Gets [property@Mistral.BatchError:message].
 *
 * Returns: (nullable): what went wrong
 *
 * Since: 1.0
 */
const char *
mistral_batch_error_get_message (MistralBatchError *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_ERROR (self), NULL);

  return self->message;
}

/**
 * mistral_batch_error_get_count:
 * @self: a batch error
 *
 * Gets [property@Mistral.BatchError:count].
 *
 * Returns: how many times it happened
 *
 * Since: 1.0
 */
guint
mistral_batch_error_get_count (MistralBatchError *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_ERROR (self), 0);

  return self->count;
}
