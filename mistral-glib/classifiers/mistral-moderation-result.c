// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-json-private.h"
#include "mistral-moderation-result-private.h"

/**
 * MistralModerationResult:
 *
 * What a moderation or classifier model said of one input: a score for each
 * category and, for moderation, whether the category is flagged.
 *
 * The categories are the reply's, in its order, including those this version
 * of the library does not know: see
 * [method@Mistral.ModerationResult.get_categories].
 *
 * A moderation reply names each category twice, in `categories` (flagged or
 * not) and in `category_scores`; a category found in either is listed.
 *
 * A classification reply (from [method@Mistral.Client.classify_async]) is
 * shaped `{target: {scores: {label: score}}}`: each of its categories is
 * named `target/label`, has its score, and is never flagged, since
 * classifiers give no thresholds.
 *
 * ## Usage
 *
 * ```c
 * if (mistral_moderation_result_get_flagged (result, "violence_and_threats"))
 *   g_print ("%.2f\n", mistral_moderation_result_get_score (result, "violence_and_threats"));
 * ```
 *
 * Since: 1.0
 */

typedef struct
{
  char *name;
  double score;
  gboolean flagged;
} ResultCategory;

struct _MistralModerationResult
{
  GObject parent_instance;

  GArray *categories;  /* of ResultCategory, in the reply's order */
  GHashTable *index;   /* name (owned by categories) → position + 1 */
};

G_DEFINE_FINAL_TYPE (MistralModerationResult, mistral_moderation_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FLAGGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
result_category_clear (gpointer data)
{
  ResultCategory *category = data;

  g_free (category->name);
}

static void
mistral_moderation_result_finalize (GObject *object)
{
  MistralModerationResult *self = MISTRAL_MODERATION_RESULT (object);

  g_hash_table_unref (self->index);
  g_array_unref (self->categories);

  G_OBJECT_CLASS (mistral_moderation_result_parent_class)->finalize (object);
}

static void
mistral_moderation_result_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  MistralModerationResult *self = MISTRAL_MODERATION_RESULT (object);

  switch (prop_id)
    {
    case PROP_FLAGGED:
      g_value_set_boolean (value, mistral_moderation_result_get_any_flagged (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_moderation_result_class_init (MistralModerationResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_moderation_result_finalize;
  object_class->get_property = mistral_moderation_result_get_property;

  /**
   * MistralModerationResult:flagged:
   *
   * Whether any category is flagged.
   *
   * Since: 1.0
   */
  properties[PROP_FLAGGED] = g_param_spec_boolean ("flagged", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_moderation_result_init (MistralModerationResult *self)
{
  self->categories = g_array_new (FALSE, TRUE, sizeof (ResultCategory));
  g_array_set_clear_func (self->categories, result_category_clear);
  /* A reply may have many categories: found by name without a scan. */
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Reading ------------------------------------------------------------------ */

static ResultCategory *
result_find (MistralModerationResult *self,
             const char              *name)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, name));

  return position > 0 ? &g_array_index (self->categories, ResultCategory, position - 1) : NULL;
}

static ResultCategory *
result_find_or_add (MistralModerationResult *self,
                    const char              *name)
{
  ResultCategory *category = result_find (self, name);

  if (category == NULL)
    {
      ResultCategory added = { g_strdup (name), 0.0, FALSE };

      g_array_append_val (self->categories, added);
      g_hash_table_insert (self->index, added.name, GUINT_TO_POINTER (self->categories->len));
      category = &g_array_index (self->categories, ResultCategory, self->categories->len - 1);
    }
  return category;
}

/* Reads @object's members, each a @type (boolean or number), into the
 * categories of the same name, with @prefix before each ("target/"). */
static gboolean
result_read_map (MistralModerationResult  *self,
                 JsonObject               *object,
                 const char               *path,
                 const char               *prefix,
                 MistralJsonType           type,
                 GError                  **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      g_autofree char *name = g_strconcat (prefix, member, NULL);
      gboolean flagged = FALSE;
      double score = 0.0;
      ResultCategory *category;

      if (json_object_get_null_member (object, member))
        continue;
      if (!mistral_json_read_member (object, member, path, type,
                                     type == MISTRAL_JSON_BOOLEAN ? (gpointer) &flagged : (gpointer) &score,
                                     error))
        return FALSE;

      category = result_find_or_add (self, name);
      if (type == MISTRAL_JSON_BOOLEAN)
        category->flagged = flagged;
      else
        category->score = score;
    }
  return TRUE;
}

MistralModerationResult *
mistral_moderation_result_new_from_json_object (JsonObject  *object,
                                                const char  *path,
                                                guint        position,
                                                GError     **error)
{
  g_autoptr(MistralModerationResult) self = g_object_new (MISTRAL_TYPE_MODERATION_RESULT, NULL);
  g_autofree char *categories_path = mistral_json_path_join (path, "categories");
  g_autofree char *scores_path = mistral_json_path_join (path, "category_scores");
  JsonObject *categories = NULL, *scores = NULL;

  if (!mistral_json_read_member (object, "categories", path, MISTRAL_JSON_OBJECT, &categories, error) ||
      !mistral_json_read_member (object, "category_scores", path, MISTRAL_JSON_OBJECT, &scores, error))
    return NULL;

  if ((categories != NULL &&
       !result_read_map (self, categories, categories_path, "", MISTRAL_JSON_BOOLEAN, error)) ||
      (scores != NULL &&
       !result_read_map (self, scores, scores_path, "", MISTRAL_JSON_DOUBLE, error)))
    return NULL;

  return g_steal_pointer (&self);
}

MistralModerationResult *
mistral_moderation_result_new_from_classification (JsonObject  *object,
                                                   const char  *path,
                                                   guint        position,
                                                   GError     **error)
{
  g_autoptr(MistralModerationResult) self = g_object_new (MISTRAL_TYPE_MODERATION_RESULT, NULL);
  g_autoptr(GList) targets = json_object_get_members (object);

  for (GList *l = targets; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *target_path = mistral_json_path_join (path, name);
      g_autofree char *scores_path = mistral_json_path_join (target_path, "scores");
      g_autofree char *prefix = g_strconcat (name, "/", NULL);
      JsonObject *target = NULL, *scores = NULL;

      if (!mistral_json_read_member (object, name, path, MISTRAL_JSON_OBJECT, &target, error))
        return NULL;
      if (target == NULL)
        continue;
      if (!mistral_json_read_member (target, "scores", target_path, MISTRAL_JSON_OBJECT, &scores, error))
        return NULL;
      if (scores != NULL &&
          !result_read_map (self, scores, scores_path, prefix, MISTRAL_JSON_DOUBLE, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/* Getters ------------------------------------------------------------------ */

/**
 * mistral_moderation_result_get_categories:
 * @self: a result
 *
 * Gets the names of every category the reply had, in its order, including
 * those this version of the library does not know.
 *
 * Returns: (transfer full) (array zero-terminated=1): the categories
 *
 * Since: 1.0
 */
char **
mistral_moderation_result_get_categories (MistralModerationResult *self)
{
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (MISTRAL_IS_MODERATION_RESULT (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->categories->len; i++)
    g_strv_builder_add (builder, g_array_index (self->categories, ResultCategory, i).name);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/**
 * mistral_moderation_result_get_flagged:
 * @self: a result
 * @category: the name of a category, such as `"violence_and_threats"`
 *
 * Gets whether @category is flagged: its score passed the model's threshold.
 *
 * Returns: %TRUE if @category is flagged, %FALSE if it is not or the reply
 *   did not have it
 *
 * Since: 1.0
 */
gboolean
mistral_moderation_result_get_flagged (MistralModerationResult *self,
                                       const char              *category)
{
  ResultCategory *found;

  g_return_val_if_fail (MISTRAL_IS_MODERATION_RESULT (self), FALSE);
  g_return_val_if_fail (category != NULL, FALSE);

  found = result_find (self, category);
  return found != NULL && found->flagged;
}

/**
 * mistral_moderation_result_get_score:
 * @self: a result
 * @category: the name of a category, such as `"violence_and_threats"`
 *
 * Gets the score of @category, usually between 0 and 1.
 *
 * Returns: the score, or 0 if the reply did not have it
 *
 * Since: 1.0
 */
double
mistral_moderation_result_get_score (MistralModerationResult *self,
                                     const char              *category)
{
  ResultCategory *found;

  g_return_val_if_fail (MISTRAL_IS_MODERATION_RESULT (self), 0.0);
  g_return_val_if_fail (category != NULL, 0.0);

  found = result_find (self, category);
  return found != NULL ? found->score : 0.0;
}

/**
 * mistral_moderation_result_get_any_flagged: (get-property flagged)
 * @self: a result
 *
 * Gets whether any category is flagged.
 *
 * Returns: %TRUE if any category is flagged
 *
 * Since: 1.0
 */
gboolean
mistral_moderation_result_get_any_flagged (MistralModerationResult *self)
{
  g_return_val_if_fail (MISTRAL_IS_MODERATION_RESULT (self), FALSE);

  for (guint i = 0; i < self->categories->len; i++)
    if (g_array_index (self->categories, ResultCategory, i).flagged)
      return TRUE;
  return FALSE;
}
