// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-client-models.h"
#include "mistral-enum-types.h"
#include "mistral-model-list.h"

/**
 * MistralModelList:
 *
 * A list model of the [class@Mistral.ModelCard]s the API key may use,
 * which loads itself, as `GtkDirectoryList` does for files: a model picker
 * is a `GtkDropDown` bound to it.
 *
 * The list starts loading when it is made, and again on
 * [method@Mistral.ModelList.reload]. While a load runs,
 * [property@Mistral.ModelList:loading] is %TRUE; when it ends, the list
 * changes in one `items-changed` (all the old items replaced by all the
 * new ones), then [property@Mistral.ModelList:error] is set if the load
 * failed, then `loading` turns %FALSE. A failed load keeps the items of the
 * last good one. A reload cancels the load in flight, and so does
 * disposing of the list.
 *
 * Only the models with every one of
 * [property@Mistral.ModelList:capabilities] are listed; changing it
 * filters the last loaded list again, without a request.
 *
 * The list is used from the thread whose thread-default main context was
 * current when it was made: its signals are emitted there.
 *
 * ## Usage
 *
 * ```c
 * MistralModelList *models = mistral_model_list_new (client, MISTRAL_MODEL_CAPABILITIES_COMPLETION_CHAT);
 * GtkExpression *id = gtk_property_expression_new (MISTRAL_TYPE_MODEL_CARD, NULL, "id");
 * GtkWidget *picker = gtk_drop_down_new (G_LIST_MODEL (models), id);
 * ```
 *
 * Since: 1.0
 */

struct _MistralModelList
{
  GObject parent_instance;

  MistralClient *client;
  MistralModelCapabilities capabilities;
  GPtrArray *all;             /* the cards of the last good load */
  GPtrArray *items;           /* those with the capabilities */
  GCancellable *cancellable;  /* the load in flight, or NULL */
  GError *error;
};

static void mistral_model_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MistralModelList, mistral_model_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, mistral_model_list_list_model_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CAPABILITIES,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GListModel --------------------------------------------------------------- */

static GType
mistral_model_list_get_item_type (GListModel *list)
{
  return MISTRAL_TYPE_MODEL_CARD;
}

static guint
mistral_model_list_get_n_items (GListModel *list)
{
  return MISTRAL_MODEL_LIST (list)->items->len;
}

static gpointer
mistral_model_list_get_item (GListModel *list,
                             guint       position)
{
  MistralModelList *self = MISTRAL_MODEL_LIST (list);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
mistral_model_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mistral_model_list_get_item_type;
  iface->get_n_items = mistral_model_list_get_n_items;
  iface->get_item = mistral_model_list_get_item;
}

/* Loading ------------------------------------------------------------------ */

/* Replaces the items with the cards of @self->all that have the
 * capabilities, in one items-changed. */
static void
list_refilter (MistralModelList *self)
{
  g_autoptr(GPtrArray) old = self->items;
  guint n_old = old->len;

  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->all->len; i++)
    {
      MistralModelCard *card = g_ptr_array_index (self->all, i);

      if (mistral_model_card_has_capabilities (card, self->capabilities))
        g_ptr_array_add (self->items, g_object_ref (card));
    }

  if (n_old > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->items->len);
}

static void
list_set_error (MistralModelList *self,
                GError           *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

typedef struct {
  MistralModelList *self;     /* alive as long as @cancellable is not cancelled */
  GCancellable *cancellable;
} ListLoad;

static void
list_on_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ListLoad *load = user_data;
  g_autoptr(MistralModelList) self = NULL;
  g_autoptr(GListModel) models = NULL;
  GError *error = NULL;
  gboolean cancelled;

  models = mistral_client_list_models_finish (MISTRAL_CLIENT (source), result, &error);
  /* A reload or the list's disposal cancelled this load: the list has
   * moved on, or is gone. */
  cancelled = g_cancellable_is_cancelled (load->cancellable);
  if (!cancelled)
    self = g_object_ref (load->self);
  g_object_unref (load->cancellable);
  g_free (load);
  if (cancelled)
    {
      g_clear_error (&error);
      return;
    }

  g_clear_object (&self->cancellable);
  if (models != NULL)
    {
      guint n = g_list_model_get_n_items (models);

      g_ptr_array_set_size (self->all, 0);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->all, g_list_model_get_item (models, i));
      list_refilter (self);
    }
  else
    {
      list_set_error (self, error);
    }

  /* A handler above may have started another load. */
  if (self->cancellable == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * mistral_model_list_reload:
 * @self: a model list
 *
 * Loads the list again, cancelling the load in flight if there is one;
 * [property@Mistral.ModelList:error] is cleared as the new load starts.
 * The list is asked of the API even when the client has a
 * [property@Mistral.Client:cache]: model calls are never cached.
 *
 * Since: 1.0
 */
void
mistral_model_list_reload (MistralModelList *self)
{
  gboolean was_loading;
  ListLoad *load;

  g_return_if_fail (MISTRAL_IS_MODEL_LIST (self));

  was_loading = self->cancellable != NULL;
  if (was_loading)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  if (self->client == NULL)
    return;

  list_set_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  load = g_new (ListLoad, 1);
  load->self = self;
  load->cancellable = g_object_ref (self->cancellable);
  mistral_client_list_models_async (self->client, self->cancellable, list_on_loaded, load);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* GObject ------------------------------------------------------------------ */

static void
mistral_model_list_constructed (GObject *object)
{
  MistralModelList *self = MISTRAL_MODEL_LIST (object);

  G_OBJECT_CLASS (mistral_model_list_parent_class)->constructed (object);

  if (self->client != NULL)
    mistral_model_list_reload (self);
}

static void
mistral_model_list_dispose (GObject *object)
{
  MistralModelList *self = MISTRAL_MODEL_LIST (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (mistral_model_list_parent_class)->dispose (object);
}

static void
mistral_model_list_finalize (GObject *object)
{
  MistralModelList *self = MISTRAL_MODEL_LIST (object);

  g_ptr_array_unref (self->all);
  g_ptr_array_unref (self->items);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mistral_model_list_parent_class)->finalize (object);
}

static void
mistral_model_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MistralModelList *self = MISTRAL_MODEL_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CAPABILITIES:
      g_value_set_flags (value, self->capabilities);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_model_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MistralModelList *self = MISTRAL_MODEL_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CAPABILITIES:
      mistral_model_list_set_capabilities (self, g_value_get_flags (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_model_list_class_init (MistralModelListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mistral_model_list_constructed;
  object_class->dispose = mistral_model_list_dispose;
  object_class->finalize = mistral_model_list_finalize;
  object_class->get_property = mistral_model_list_get_property;
  object_class->set_property = mistral_model_list_set_property;

  /**
   * MistralModelList:client: (getter get_client)
   *
   * The client the list is loaded with.
   *
   * Since: 1.0
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MISTRAL_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralModelList:capabilities: (getter get_capabilities) (setter set_capabilities)
   *
   * The capabilities a model must all have to be listed; none lists
   * every model.
   *
   * Since: 1.0
   */
  properties[PROP_CAPABILITIES] =
    g_param_spec_flags ("capabilities", NULL, NULL, MISTRAL_TYPE_MODEL_CAPABILITIES,
                        MISTRAL_MODEL_CAPABILITIES_NONE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * MistralModelList:loading: (getter is_loading)
   *
   * Whether a load is in flight.
   *
   * Since: 1.0
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * MistralModelList:error: (getter get_error)
   *
   * Why the last load failed, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_model_list_init (MistralModelList *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * mistral_model_list_new:
 * @client: the client to load the list with
 * @capabilities: the capabilities a model must all have to be listed
 *
 * Creates a list of the models @client may use, and starts loading it.
 *
 * Returns: (transfer full): a new [class@Mistral.ModelList]
 *
 * Since: 1.0
 */
MistralModelList *
mistral_model_list_new (MistralClient            *client,
                        MistralModelCapabilities  capabilities)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (client), NULL);

  return g_object_new (MISTRAL_TYPE_MODEL_LIST,
                       "client", client,
                       "capabilities", capabilities,
                       NULL);
}

/**
 * mistral_model_list_get_client: (get-property client)
 * @self: a model list
 *
 * Gets the client the list is loaded with.
 *
 * Returns: (transfer none) (nullable): the client
 *
 * Since: 1.0
 */
MistralClient *
mistral_model_list_get_client (MistralModelList *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_LIST (self), NULL);

  return self->client;
}

/**
 * mistral_model_list_get_capabilities: (get-property capabilities)
 * @self: a model list
 *
 * Gets the capabilities a model must all have to be listed.
 *
 * Returns: the capabilities
 *
 * Since: 1.0
 */
MistralModelCapabilities
mistral_model_list_get_capabilities (MistralModelList *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_LIST (self), MISTRAL_MODEL_CAPABILITIES_NONE);

  return self->capabilities;
}

/**
 * mistral_model_list_set_capabilities: (set-property capabilities)
 * @self: a model list
 * @capabilities: the capabilities a model must all have to be listed
 *
 * Sets the capabilities a model must all have to be listed, and filters
 * the models loaded last again (in one `items-changed`).
 *
 * Since: 1.0
 */
void
mistral_model_list_set_capabilities (MistralModelList         *self,
                                     MistralModelCapabilities  capabilities)
{
  g_return_if_fail (MISTRAL_IS_MODEL_LIST (self));

  if (self->capabilities == capabilities)
    return;
  self->capabilities = capabilities;
  list_refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPABILITIES]);
}

/**
 * mistral_model_list_is_loading: (get-property loading)
 * @self: a model list
 *
 * Gets whether a load is in flight.
 *
 * Returns: %TRUE while the list loads
 *
 * Since: 1.0
 */
gboolean
mistral_model_list_is_loading (MistralModelList *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_LIST (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * mistral_model_list_get_error: (get-property error)
 * @self: a model list
 *
 * Gets why the last load failed.
 *
 * Returns: (transfer none) (nullable): the error, or %NULL
 *
 * Since: 1.0
 */
const GError *
mistral_model_list_get_error (MistralModelList *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODEL_LIST (self), NULL);

  return self->error;
}
