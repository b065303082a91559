// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* A model's reply content parsed into a GObject (app/mistral-structured-
 * output.c): whatever the text, the parse gives an object of the type or a
 * clean INVALID_RESPONSE, and the object holds only what the type's
 * properties allow (the strict check comes before json-glib's
 * deserialiser, which would skip or coerce). */

#include <string.h>

#include <mistral-glib.h>

#include "fuzz-common.h"

/* A leaf, and an item holding one: every kind of property the schema
 * supports. */
typedef struct { GObject parent_instance; char *name; guint count; } FuzzLeaf;
typedef struct { GObjectClass parent_class; } FuzzLeafClass;
typedef struct {
  GObject parent_instance;
  char *text;
  int small;
  gint64 big;
  double ratio;
  gboolean flag;
  int role;
  guint capabilities;
  char **tags;
  FuzzLeaf *leaf;
} FuzzItem;
typedef struct { GObjectClass parent_class; } FuzzItemClass;

static GType fuzz_leaf_get_type (void);
static GType fuzz_item_get_type (void);
G_DEFINE_TYPE (FuzzLeaf, fuzz_leaf, G_TYPE_OBJECT)
G_DEFINE_TYPE (FuzzItem, fuzz_item, G_TYPE_OBJECT)

#define RW (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS)

static void
fuzz_leaf_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  FuzzLeaf *self = (FuzzLeaf *) object;

  if (id == 1)
    g_value_set_string (value, self->name);
  else
    g_value_set_uint (value, self->count);
}

static void
fuzz_leaf_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  FuzzLeaf *self = (FuzzLeaf *) object;

  if (id == 1)
    {
      g_free (self->name);
      self->name = g_value_dup_string (value);
    }
  else
    self->count = g_value_get_uint (value);
}

static void
fuzz_leaf_finalize (GObject *object)
{
  g_free (((FuzzLeaf *) object)->name);
  G_OBJECT_CLASS (fuzz_leaf_parent_class)->finalize (object);
}

static void
fuzz_leaf_class_init (FuzzLeafClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fuzz_leaf_get_property;
  object_class->set_property = fuzz_leaf_set_property;
  object_class->finalize = fuzz_leaf_finalize;
  g_object_class_install_property (object_class, 1, g_param_spec_string ("name", NULL, NULL, NULL, RW));
  g_object_class_install_property (object_class, 2, g_param_spec_uint ("count", NULL, NULL, 1, 10, 1, RW));
}

static void
fuzz_leaf_init (FuzzLeaf *self)
{
  self->count = 1;
}

enum { ITEM_TEXT = 1, ITEM_SMALL, ITEM_BIG, ITEM_RATIO, ITEM_FLAG, ITEM_ROLE, ITEM_CAPS, ITEM_TAGS, ITEM_LEAF };

static void
fuzz_item_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  FuzzItem *self = (FuzzItem *) object;

  switch (id)
    {
    case ITEM_TEXT: g_value_set_string (value, self->text); break;
    case ITEM_SMALL: g_value_set_int (value, self->small); break;
    case ITEM_BIG: g_value_set_int64 (value, self->big); break;
    case ITEM_RATIO: g_value_set_double (value, self->ratio); break;
    case ITEM_FLAG: g_value_set_boolean (value, self->flag); break;
    case ITEM_ROLE: g_value_set_enum (value, self->role); break;
    case ITEM_CAPS: g_value_set_flags (value, self->capabilities); break;
    case ITEM_TAGS: g_value_set_boxed (value, self->tags); break;
    default: g_value_set_object (value, self->leaf); break;
    }
}

static void
fuzz_item_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  FuzzItem *self = (FuzzItem *) object;

  switch (id)
    {
    case ITEM_TEXT: g_free (self->text); self->text = g_value_dup_string (value); break;
    case ITEM_SMALL: self->small = g_value_get_int (value); break;
    case ITEM_BIG: self->big = g_value_get_int64 (value); break;
    case ITEM_RATIO: self->ratio = g_value_get_double (value); break;
    case ITEM_FLAG: self->flag = g_value_get_boolean (value); break;
    case ITEM_ROLE: self->role = g_value_get_enum (value); break;
    case ITEM_CAPS: self->capabilities = g_value_get_flags (value); break;
    case ITEM_TAGS: g_strfreev (self->tags); self->tags = g_value_dup_boxed (value); break;
    default: g_clear_object (&self->leaf); self->leaf = g_value_dup_object (value); break;
    }
}

static void
fuzz_item_finalize (GObject *object)
{
  FuzzItem *self = (FuzzItem *) object;

  g_free (self->text);
  g_strfreev (self->tags);
  g_clear_object (&self->leaf);
  G_OBJECT_CLASS (fuzz_item_parent_class)->finalize (object);
}

static void
fuzz_item_class_init (FuzzItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fuzz_item_get_property;
  object_class->set_property = fuzz_item_set_property;
  object_class->finalize = fuzz_item_finalize;
  g_object_class_install_property (object_class, ITEM_TEXT, g_param_spec_string ("text", NULL, NULL, NULL, RW));
  g_object_class_install_property (object_class, ITEM_SMALL, g_param_spec_int ("small", NULL, NULL, -3, 3, 0, RW));
  g_object_class_install_property (object_class, ITEM_BIG,
                                   g_param_spec_int64 ("big", NULL, NULL, G_MININT64, G_MAXINT64, 0, RW));
  g_object_class_install_property (object_class, ITEM_RATIO, g_param_spec_double ("ratio", NULL, NULL, 0, 1, 0, RW));
  g_object_class_install_property (object_class, ITEM_FLAG, g_param_spec_boolean ("flag", NULL, NULL, FALSE, RW));
  g_object_class_install_property (object_class, ITEM_ROLE,
                                   g_param_spec_enum ("role", NULL, NULL, MISTRAL_TYPE_ROLE, MISTRAL_ROLE_USER, RW));
  g_object_class_install_property (object_class, ITEM_CAPS,
                                   g_param_spec_flags ("capabilities", NULL, NULL, MISTRAL_TYPE_MODEL_CAPABILITIES, 0, RW));
  g_object_class_install_property (object_class, ITEM_TAGS, g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, RW));
  g_object_class_install_property (object_class, ITEM_LEAF,
                                   g_param_spec_object ("leaf", NULL, NULL, fuzz_leaf_get_type (), RW));
}

static void
fuzz_item_init (FuzzItem *self)
{
  self->role = MISTRAL_ROLE_USER;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(MistralAssistantMessage) message = NULL;
  g_autoptr(GObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFlagsClass) flags = g_type_class_ref (MISTRAL_TYPE_MODEL_CAPABILITIES);
  FuzzItem *item;

  /* The content as the library holds it: valid UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  message = mistral_assistant_message_new (text);
  object = mistral_assistant_message_parse (message, fuzz_item_get_type (), &error);
  fuzz_check_outcome (object, error, -1);
  if (object == NULL)
    return 0;

  /* What the strict check let through is within the properties' ranges. */
  item = (FuzzItem *) object;
  FUZZ_CHECK (G_TYPE_CHECK_INSTANCE_TYPE (object, fuzz_item_get_type ()));
  FUZZ_CHECK (item->text != NULL && g_utf8_validate (item->text, -1, NULL));
  FUZZ_CHECK (item->small >= -3 && item->small <= 3);
  FUZZ_CHECK (item->ratio >= 0 && item->ratio <= 1);
  FUZZ_CHECK (item->role >= MISTRAL_ROLE_SYSTEM && item->role <= MISTRAL_ROLE_TOOL);
  FUZZ_CHECK ((item->capabilities & ~flags->mask) == 0);
  FUZZ_CHECK (item->tags != NULL);
  FUZZ_CHECK (item->leaf != NULL && item->leaf->name != NULL);
  FUZZ_CHECK (item->leaf->count >= 1 && item->leaf->count <= 10);
  fuzz_walk_object (object);
  return 0;
}
