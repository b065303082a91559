// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
/*
 * tls-front.c: the test PKI (the openssl command) and nginx in front of
 * the mock server.  See tls-front.h.
 *
 * nginx runs in the foreground (`daemon off`) as our child.  It is spawned
 * from a thread of its own that then waits for it: the child asks the
 * kernel for a SIGTERM when that thread ends (PR_SET_PDEATHSIG), so an
 * nginx never outlives a test that crashed or was killed, and never keeps
 * the test's output pipes open (its own output goes to files).
 */

#include "tls-front.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define START_TIMEOUT_US (10 * G_USEC_PER_SEC)
#define STOP_TIMEOUT_US (10 * G_USEC_PER_SEC)
#define MAX_BIND_ATTEMPTS 8

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

/* Removes PATH and everything under it; symlinks are not followed. */
static void
rm_rf (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;

      if (dir)
        {
          while ((name = g_dir_read_name (dir)))
            {
              g_autofree char *child = g_build_filename (path, name, NULL);

              rm_rf (child);
            }
          g_dir_close (dir);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* The last MAX_LINES lines of the file at PATH, or a note that it is
 * missing or empty. */
static char *
file_tail (const char *path,
           guint       max_lines)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *start;
  guint n = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup_printf ("(no %s)", path);
  while (length > 0 && contents[length - 1] == '\n')
    contents[--length] = '\0';
  if (length == 0)
    return g_strdup_printf ("(%s is empty)", path);

  start = contents + length;
  while (start > contents)
    {
      if (start[-1] == '\n' && ++n == max_lines)
        break;
      start--;
    }
  return g_strdup (start);
}

/* ------------------------------------------------------------------ */
/* The PKI                                                            */
/* ------------------------------------------------------------------ */

static const char openssl_cnf[] =
  "# Written by tests/mock/tls-front.c for the test PKI.\n"
  "[req]\n"
  "distinguished_name = req_dn\n"
  "prompt = no\n"
  "[req_dn]\n"
  "CN = mistral-glib test\n"
  "[ca_ext]\n"
  "basicConstraints = critical,CA:TRUE\n"
  "keyUsage = critical,keyCertSign,cRLSign\n"
  "subjectKeyIdentifier = hash\n"
  "[server_ext]\n"
  "basicConstraints = critical,CA:FALSE\n"
  "keyUsage = critical,digitalSignature\n"
  "extendedKeyUsage = serverAuth\n"
  "subjectKeyIdentifier = hash\n"
  "authorityKeyIdentifier = keyid\n"
  "subjectAltName = DNS:localhost,DNS:*.mistral.test,IP:127.0.0.1\n"
  "[wrong_host_ext]\n"
  "basicConstraints = critical,CA:FALSE\n"
  "keyUsage = critical,digitalSignature\n"
  "extendedKeyUsage = serverAuth\n"
  "subjectKeyIdentifier = hash\n"
  "authorityKeyIdentifier = keyid\n"
  "subjectAltName = DNS:wrong-host.example\n"
  "[ca]\n"
  "default_ca = test_ca\n"
  "[test_ca]\n"
  "database = index.txt\n"
  "serial = serial\n"
  "new_certs_dir = .\n"
  "default_md = sha256\n"
  "policy = policy_any\n"
  "unique_subject = no\n"
  "email_in_dn = no\n"
  "copy_extensions = none\n"
  "[policy_any]\n"
  "commonName = supplied\n";

/* Runs openssl with ARGS (NULL-terminated) in WORKDIR; on failure, ERROR
 * holds the command and what openssl printed. */
static gboolean
run_openssl (const char  *workdir,
             GError     **error,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) spawn_error = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) "openssl");
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  command = g_strjoinv (" ", (char **) argv->pdata);

  if (!g_spawn_sync (workdir, (char **) argv->pdata, NULL,
                     G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &spawn_error))
    {
      g_set_error (error, G_SPAWN_ERROR, spawn_error->code,
                   "cannot run `%s`: %s", command, spawn_error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, &spawn_error))
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "`%s` failed (%s): %s%s", command, spawn_error->message,
                   g_strstrip (err), g_strstrip (out));
      return FALSE;
    }
  return TRUE;
}

static gboolean
pair_exists (const char *dir,
             const char *name)
{
  g_autofree char *pem_name = g_strconcat (name, ".pem", NULL);
  g_autofree char *key_name = g_strconcat (name, ".key", NULL);
  g_autofree char *pem = g_build_filename (dir, pem_name, NULL);
  g_autofree char *key = g_build_filename (dir, key_name, NULL);

  return g_file_test (pem, G_FILE_TEST_IS_REGULAR) && g_file_test (key, G_FILE_TEST_IS_REGULAR);
}

/* Moves WORK/NAME.key and WORK/NAME.pem into DIR: the key first, so that
 * NAME.pem is there only with its key. */
static gboolean
pair_install (const char  *work,
              const char  *dir,
              const char  *name,
              GError     **error)
{
  const char *exts[] = { ".key", ".pem" };

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *file = g_strconcat (name, exts[i], NULL);
      g_autofree char *from = g_build_filename (work, file, NULL);
      g_autofree char *to = g_build_filename (dir, file, NULL);

      if (g_rename (from, to) != 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "cannot move %s to %s: %s", from, to, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

/* A self-signed CA, NAME.pem/.key in DIR. */
static gboolean
make_ca (const char  *work,
         const char  *dir,
         const char  *name,
         const char  *subject,
         GError     **error)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL);
  g_autofree char *pem = g_strconcat (name, ".pem", NULL);

  return run_openssl (work, error,
                      "req", "-config", "openssl.cnf", "-x509", "-new",
                      "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                      "-keyout", key, "-out", pem, "-sha256", "-days", "7300",
                      "-subj", subject, "-extensions", "ca_ext", NULL)
      && pair_install (work, dir, name, error);
}

/* NAME.pem/.key in DIR, signed by CA (DIR/CA.pem and .key), with the
 * extensions EXT of openssl.cnf, valid from START to END
 * (YYYYMMDDHHMMSSZ). */
static gboolean
make_leaf (const char  *work,
           const char  *dir,
           const char  *name,
           const char  *ca,
           const char  *ext,
           const char  *subject,
           const char  *start,
           const char  *end,
           GError     **error)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL);
  g_autofree char *pem = g_strconcat (name, ".pem", NULL);
  g_autofree char *csr = g_strconcat (name, ".csr", NULL);
  g_autofree char *ca_pem_name = g_strconcat (ca, ".pem", NULL);
  g_autofree char *ca_key_name = g_strconcat (ca, ".key", NULL);
  g_autofree char *ca_pem = g_build_filename (dir, ca_pem_name, NULL);
  g_autofree char *ca_key = g_build_filename (dir, ca_key_name, NULL);

  return run_openssl (work, error,
                      "req", "-config", "openssl.cnf", "-new",
                      "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                      "-keyout", key, "-out", csr, "-subj", subject, NULL)
      && run_openssl (work, error,
                      "ca", "-config", "openssl.cnf", "-batch", "-notext",
                      "-cert", ca_pem, "-keyfile", ca_key, "-in", csr, "-out", pem,
                      "-md", "sha256", "-startdate", start, "-enddate", end,
                      "-extensions", ext, NULL)
      && pair_install (work, dir, name, error);
}

static char *
asn1_time (GDateTime *utc)
{
  return g_date_time_format (utc, "%Y%m%d%H%M%SZ");
}

static gboolean
pki_generate (const char  *dir,
              const char  *work,
              GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) valid_from_dt = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) valid_until_dt = g_date_time_add_years (now, 10);
  g_autofree char *valid_from = asn1_time (valid_from_dt);
  g_autofree char *valid_until = asn1_time (valid_until_dt);
  g_autofree char *cnf = g_build_filename (work, "openssl.cnf", NULL);
  g_autofree char *index = g_build_filename (work, "index.txt", NULL);
  g_autofree char *serial = g_build_filename (work, "serial", NULL);
  /* Random serials: a CA made again never reuses one. */
  g_autofree char *first_serial = g_strdup_printf ("%08X%08X\n", g_random_int () | 0x10000000u, g_random_int ());
  gboolean new_ca = FALSE, new_untrusted_ca = FALSE;

  if (!g_file_set_contents (cnf, openssl_cnf, -1, error)
      || !g_file_set_contents (index, "", 0, error)
      || !g_file_set_contents (serial, first_serial, -1, error))
    return FALSE;

  if (!pair_exists (dir, "ca"))
    {
      if (!make_ca (work, dir, "ca", "/CN=mistral-glib test CA", error))
        return FALSE;
      new_ca = TRUE;
    }
  if (!pair_exists (dir, "untrusted-ca"))
    {
      if (!make_ca (work, dir, "untrusted-ca", "/CN=mistral-glib untrusted test CA", error))
        return FALSE;
      new_untrusted_ca = TRUE;
    }

  /* A CA made now invalidates whatever it did not sign. */
  if ((new_ca || !pair_exists (dir, "server"))
      && !make_leaf (work, dir, "server", "ca", "server_ext", "/CN=localhost",
                     valid_from, valid_until, error))
    return FALSE;
  if ((new_ca || !pair_exists (dir, "expired"))
      && !make_leaf (work, dir, "expired", "ca", "server_ext", "/CN=localhost",
                     "20200101000000Z", "20200201000000Z", error))
    return FALSE;
  if ((new_ca || !pair_exists (dir, "wrong-host"))
      && !make_leaf (work, dir, "wrong-host", "ca", "wrong_host_ext", "/CN=wrong-host.example",
                     valid_from, valid_until, error))
    return FALSE;
  if ((new_untrusted_ca || !pair_exists (dir, "untrusted"))
      && !make_leaf (work, dir, "untrusted", "untrusted-ca", "server_ext", "/CN=localhost",
                     valid_from, valid_until, error))
    return FALSE;
  return TRUE;
}

gboolean
test_pki_ensure (const char  *dir,
                 GError     **error)
{
  g_autofree char *lock_path = NULL;
  g_autofree char *work = NULL;
  gboolean ok;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot make the PKI directory %s: %s", dir, g_strerror (saved));
      return FALSE;
    }

  lock_path = g_build_filename (dir, ".lock", NULL);
  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot open %s: %s", lock_path, g_strerror (saved));
      return FALSE;
    }
  while (flock (fd, LOCK_EX) != 0)
    {
      int saved = errno;

      if (saved == EINTR)
        continue;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot lock %s: %s", lock_path, g_strerror (saved));
      close (fd);
      return FALSE;
    }

  if (pair_exists (dir, "ca") && pair_exists (dir, "server") && pair_exists (dir, "expired")
      && pair_exists (dir, "wrong-host") && pair_exists (dir, "untrusted-ca")
      && pair_exists (dir, "untrusted"))
    ok = TRUE;
  else
    {
      g_autofree char *template = g_build_filename (dir, ".work-XXXXXX", NULL);

      work = g_mkdtemp (g_steal_pointer (&template));
      if (!work)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "cannot make a work directory in %s: %s", dir, g_strerror (saved));
          ok = FALSE;
        }
      else
        {
          ok = pki_generate (dir, work, error);
          rm_rf (work);
        }
    }

  close (fd);                   /* releases the lock */
  return ok;
}

static char *pki_temp_dir;
static pid_t pki_temp_owner;

static void
pki_temp_remove (void)
{
  /* Not from a fork()ed child: the directory is its parent's. */
  if (pki_temp_dir && getpid () == pki_temp_owner)
    rm_rf (pki_temp_dir);
}

static gpointer
pki_dir_init (gpointer data)
{
  const char *env = g_getenv ("MISTRAL_TEST_PKI");
  g_autoptr(GError) error = NULL;
  char *dir;

  if (env && *env)
    dir = g_canonicalize_filename (env, NULL);
  else
    {
      dir = g_dir_make_tmp ("mistral-test-pki-XXXXXX", &error);
      if (!dir)
        g_error ("test PKI: cannot make a temporary directory: %s", error->message);
      pki_temp_dir = dir;
      pki_temp_owner = getpid ();
      atexit (pki_temp_remove);
    }
  if (!test_pki_ensure (dir, &error))
    g_error ("test PKI in %s: %s", dir, error->message);
  return dir;
}

const char *
test_pki_dir (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, pki_dir_init, NULL);
}

char *
test_pki_file (const char *name)
{
  return g_build_filename (test_pki_dir (), name, NULL);
}

gboolean
test_front_mode (void)
{
  const char *mode = g_getenv ("MISTRAL_TEST_FRONT");

  return g_strcmp0 (mode, "h2") == 0 || g_strcmp0 (mode, "https1") == 0;
}

/* ------------------------------------------------------------------ */
/* nginx                                                              */
/* ------------------------------------------------------------------ */

struct _TestFront {
  char *dir;
  char *url;
  guint16 port;

  /* The current nginx and the thread that spawned it and waits for it. */
  GThread *thread;
  GMutex lock;
  GCond cond;
  char **argv;                  /* read by the thread */
  int log_fd;                   /* read by the thread */
  /* Guarded by lock */
  gboolean spawned;             /* the thread tried (see spawn_error, pid) */
  GError *spawn_error;
  GPid pid;
  gboolean exited;              /* nginx ended, maybe not reaped yet */
  gboolean reaped;
  int wait_status;
};

typedef struct {
  pid_t parent;
} ChildSetup;

/* In the child, between fork and exec: async-signal-safe calls only. */
static void
child_setup (gpointer user_data)
{
  ChildSetup *setup = user_data;

  /* A SIGTERM (nginx's fast shutdown) when the spawning thread ends. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != setup->parent)
    _exit (127);
  /* Its own session: no terminal signal reaches it, and a last-resort
   * SIGKILL reaches its workers too. */
  setsid ();
}

static gpointer
front_thread (gpointer user_data)
{
  TestFront *self = user_data;
  ChildSetup setup = { getpid () };
  GError *error = NULL;
  GPid pid = 0;
  siginfo_t info;
  int status = 0;
  gboolean ok;

  ok = g_spawn_async_with_pipes_and_fds (self->dir, (const char * const *) self->argv, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
                                         child_setup, &setup,
                                         -1, self->log_fd, self->log_fd,
                                         NULL, NULL, 0,
                                         &pid, NULL, NULL, NULL, &error);
  g_mutex_lock (&self->lock);
  self->spawned = TRUE;
  self->spawn_error = error;
  self->pid = pid;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  if (!ok)
    return NULL;

  /* Wait without reaping, so that the pid cannot be reused by the time
   * test_front_free() signals it, unless `exited` says so. */
  while (waitid (P_PID, pid, &info, WEXITED | WNOWAIT) != 0 && errno == EINTR)
    ;
  g_mutex_lock (&self->lock);
  self->exited = TRUE;
  g_mutex_unlock (&self->lock);

  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  g_mutex_lock (&self->lock);
  self->reaped = TRUE;
  self->wait_status = status;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* Signals nginx (if it still runs) with SIGNUM. */
static void
front_signal (TestFront *self,
              int        signum)
{
  g_mutex_lock (&self->lock);
  if (self->pid > 0 && !self->exited)
    kill (self->pid, signum);
  g_mutex_unlock (&self->lock);
}

/* Waits until nginx is reaped, at most until DEADLINE (monotonic). */
static gboolean
front_wait_reaped (TestFront *self,
                   gint64     deadline)
{
  gboolean reaped;

  g_mutex_lock (&self->lock);
  while (!self->reaped)
    if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
      break;
  reaped = self->reaped;
  g_mutex_unlock (&self->lock);
  return reaped;
}

/* Stops the current nginx, if any, and forgets it. */
static void
front_stop (TestFront *self)
{
  if (!self->thread)
    return;

  front_signal (self, SIGTERM);
  if (!front_wait_reaped (self, g_get_monotonic_time () + STOP_TIMEOUT_US))
    {
      g_printerr ("# tls-front: nginx %d did not stop on SIGTERM within 10 s; killing its session\n",
                  (int) self->pid);
      g_mutex_lock (&self->lock);
      if (!self->exited)
        {
          kill (-self->pid, SIGKILL);   /* it leads its own session */
          kill (self->pid, SIGKILL);
        }
      g_mutex_unlock (&self->lock);
    }
  g_thread_join (self->thread);
  self->thread = NULL;
  g_clear_error (&self->spawn_error);
  self->spawned = self->exited = self->reaped = FALSE;
  self->pid = 0;
  self->wait_status = 0;
}

/* Starts nginx on the thread; returns once it was spawned (or not). */
static gboolean
front_spawn (TestFront  *self,
             GError    **error)
{
  gboolean ok;

  self->thread = g_thread_new ("tls-front", front_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->spawned)
    g_cond_wait (&self->cond, &self->lock);
  ok = self->spawn_error == NULL;
  if (!ok)
    g_propagate_prefixed_error (error, g_steal_pointer (&self->spawn_error),
                                "cannot run %s: ", self->argv[0]);
  g_mutex_unlock (&self->lock);
  if (!ok)
    {
      g_thread_join (self->thread);
      self->thread = NULL;
      self->spawned = FALSE;
    }
  return ok;
}

/* Removes the directories of fronts whose process is gone: a test that
 * aborts never gets to test_front_free() (its nginx gets a SIGTERM, see
 * child_setup()), so its directory stays behind until the next front. */
static void
sweep_stale_dirs (void)
{
  const char *tmp = g_get_tmp_dir ();
  const char *keep = g_getenv ("MISTRAL_TEST_FRONT_KEEP");
  GDir *dir;
  const char *name;

  if (keep && *keep && strcmp (keep, "0") != 0)
    return;
  dir = g_dir_open (tmp, 0, NULL);
  if (!dir)
    return;
  while ((name = g_dir_read_name (dir)))
    {
      const char *rest;
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, "mistral-test-front-"))
        continue;
      rest = name + strlen ("mistral-test-front-");
      pid = g_ascii_strtoll (rest, &end, 10);
      if (end == rest || *end != '-' || pid <= 0 || pid > G_MAXINT)
        continue;
      if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
        {
          g_autofree char *path = g_build_filename (tmp, name, NULL);

          rm_rf (path);
        }
    }
  g_dir_close (dir);
}

/* A port that was free on 127.0.0.1 a moment ago. */
static guint16
free_port (GError **error)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  guint16 port = 0;

  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd >= 0
      && bind (fd, (struct sockaddr *) &addr, sizeof addr) == 0
      && getsockname (fd, (struct sockaddr *) &addr, &len) == 0)
    port = ntohs (addr.sin_port);
  else
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot find a free port on 127.0.0.1: %s", g_strerror (saved));
    }
  if (fd >= 0)
    close (fd);
  return port;
}

/* Whether something accepts TCP connections on 127.0.0.1:PORT. */
static gboolean
port_accepts (guint16 port)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  addr.sin_port = htons (port);
  ok = connect (fd, (struct sockaddr *) &addr, sizeof addr) == 0;
  close (fd);
  return ok;
}

/* Whether DIR/nginx.pid names PID: nginx writes it once its listening
 * sockets are bound. */
static gboolean
pid_file_is (const char *dir,
             GPid        pid)
{
  g_autofree char *path = g_build_filename (dir, "nginx.pid", NULL);
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;
  return g_ascii_strtoll (g_strstrip (contents), NULL, 10) == pid;
}

static char *
front_config (TestFront         *self,
              const char        *backend_url,
              TestFrontProtocol  protocol,
              const char        *cert,
              const char        *key)
{
  GString *conf = g_string_new ("# Written by tests/mock/tls-front.c.\n");
  const char *dir = self->dir;

  g_string_append (conf, "daemon off;\nmaster_process on;\nworker_processes 1;\n");
  /* Workers run as nobody otherwise, who cannot read our directories. */
  if (geteuid () == 0)
    g_string_append (conf, "user root;\n");
  g_string_append_printf (conf, "pid %s/nginx.pid;\n", dir);
  g_string_append_printf (conf, "error_log %s/error.log info;\n", dir);
  g_string_append (conf, "events {\n  worker_connections 1024;\n}\n");
  g_string_append (conf, "http {\n");
  g_string_append (conf,
                   "  log_format front '$remote_addr:$remote_port [$time_local] \"$request\" "
                   "$status $body_bytes_sent rt=$request_time alpn=$ssl_alpn_protocol "
                   "$ssl_protocol conn=$connection/$connection_requests "
                   "up=$upstream_status/$upstream_response_time';\n");
  g_string_append_printf (conf, "  access_log %s/access.log front;\n", dir);
  g_string_append_printf (conf,
                          "  client_body_temp_path %s/client_body;\n"
                          "  proxy_temp_path %s/proxy;\n"
                          "  fastcgi_temp_path %s/fastcgi;\n"
                          "  uwsgi_temp_path %s/uwsgi;\n"
                          "  scgi_temp_path %s/scgi;\n",
                          dir, dir, dir, dir, dir);
  g_string_append (conf,
                   "  default_type application/octet-stream;\n"
                   "  client_max_body_size 0;\n"
                   "  keepalive_requests 100000;\n"
                   "  keepalive_timeout 75s;\n");
  g_string_append (conf, "  server {\n");
  g_string_append_printf (conf, "    listen 127.0.0.1:%u ssl%s;\n", self->port,
                          protocol == TEST_FRONT_HTTP2 ? " http2" : "");
  g_string_append (conf, "    server_name localhost;\n");
  g_string_append_printf (conf, "    ssl_certificate %s;\n    ssl_certificate_key %s;\n", cert, key);
  /* nginx 1.22 leaves TLS 1.3 out by default; the API offers it. */
  g_string_append (conf, "    ssl_protocols TLSv1.2 TLSv1.3;\n");
  g_string_append (conf, "    location / {\n");
  g_string_append_printf (conf, "      proxy_pass %s;\n", backend_url);
  g_string_append (conf,
                   "      proxy_http_version 1.1;\n"
                   "      proxy_set_header Connection \"\";\n"
                   "      proxy_set_header Host $http_host;\n"
                   "      proxy_buffering off;\n"
                   "      proxy_request_buffering off;\n"
                   "    }\n"
                   "  }\n"
                   "}\n");
  return g_string_free (conf, FALSE);
}

TestFront *
test_front_new (const char         *backend_url,
                TestFrontProtocol   protocol,
                const char         *cert_name,
                GError            **error)
{
  g_autoptr(TestFront) self = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *backend = NULL;
  g_autofree char *conf_path = NULL;
  g_autofree char *error_log = NULL;
  g_autofree char *out_log = NULL;
  const char *nginx = g_getenv ("MISTRAL_TEST_NGINX");
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;

  g_return_val_if_fail (backend_url != NULL, NULL);
  g_return_val_if_fail (cert_name != NULL, NULL);

  if (!g_str_has_prefix (backend_url, "http://"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "the backend of a TLS front must be an http:// URL, not %s", backend_url);
      return NULL;
    }
  backend = g_strdup (backend_url);
  while (g_str_has_suffix (backend, "/"))
    backend[strlen (backend) - 1] = '\0';

  {
    g_autofree char *pem_name = g_strconcat (cert_name, ".pem", NULL);
    g_autofree char *key_name = g_strconcat (cert_name, ".key", NULL);

    cert = test_pki_file (pem_name);
    key = test_pki_file (key_name);
  }
  if (!g_file_test (cert, G_FILE_TEST_IS_REGULAR) || !g_file_test (key, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "no certificate \"%s\" in the test PKI (%s)", cert_name, test_pki_dir ());
      return NULL;
    }

  self = g_new0 (TestFront, 1);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->log_fd = -1;
  sweep_stale_dirs ();
  {
    g_autofree char *template = g_strdup_printf ("mistral-test-front-%d-XXXXXX", (int) getpid ());

    self->dir = g_dir_make_tmp (template, error);
  }
  if (!self->dir)
    return NULL;
  g_chmod (self->dir, 0700);

  conf_path = g_build_filename (self->dir, "nginx.conf", NULL);
  error_log = g_build_filename (self->dir, "error.log", NULL);
  out_log = g_build_filename (self->dir, "output.log", NULL);
  self->argv = g_new0 (char *, 8);
  self->argv[0] = g_strdup (nginx && *nginx ? nginx : "/usr/sbin/nginx");
  self->argv[1] = g_strdup ("-p");
  self->argv[2] = g_strconcat (self->dir, "/", NULL);
  self->argv[3] = g_strdup ("-c");
  self->argv[4] = g_strdup (conf_path);
  self->argv[5] = g_strdup ("-e");
  self->argv[6] = g_strdup (error_log);

  self->log_fd = g_open (out_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (self->log_fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot open %s: %s", out_log, g_strerror (saved));
      return NULL;
    }

  for (guint attempt = 1;; attempt++)
    {
      g_autofree char *conf = NULL;
      g_autofree char *pid_path = g_build_filename (self->dir, "nginx.pid", NULL);

      self->port = free_port (error);
      if (self->port == 0)
        return NULL;
      conf = front_config (self, backend, protocol, cert, key);
      g_unlink (error_log);
      g_unlink (pid_path);
      if (!g_file_set_contents (conf_path, conf, -1, error))
        return NULL;
      if (!front_spawn (self, error))
        return NULL;

      for (;;)
        {
          gboolean exited;
          GPid pid;

          g_mutex_lock (&self->lock);
          exited = self->exited;
          pid = self->pid;
          g_mutex_unlock (&self->lock);

          if (exited)
            {
              g_autofree char *log = NULL;
              g_autofree char *out = NULL;

              front_wait_reaped (self, g_get_monotonic_time () + STOP_TIMEOUT_US);
              log = file_tail (error_log, 20);
              /* Someone took the port since we saw it free: another one. */
              if (strstr (log, "Address already in use") && attempt < MAX_BIND_ATTEMPTS
                  && g_get_monotonic_time () < deadline)
                {
                  front_stop (self);
                  break;
                }
              out = file_tail (out_log, 10);
              g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                           "nginx (%s) exited at start (wait status %d); error log:\n%s\noutput:\n%s",
                           self->argv[0], self->wait_status, log, out);
              return NULL;
            }
          if (pid_file_is (self->dir, pid) && port_accepts (self->port))
            {
              self->url = g_strdup_printf ("https://localhost:%u", self->port);
              return g_steal_pointer (&self);
            }
          if (g_get_monotonic_time () >= deadline)
            {
              g_autofree char *log = file_tail (error_log, 20);

              g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           "nginx did not accept connections on 127.0.0.1:%u within 10 s; error log:\n%s",
                           self->port, log);
              return NULL;
            }
          g_usleep (5000);
        }
    }
}

const char *
test_front_get_url (TestFront *front)
{
  return front->url;
}

guint16
test_front_get_port (TestFront *front)
{
  return front->port;
}

void
test_front_free (TestFront *front)
{
  if (!front)
    return;

  front_stop (front);
  if (front->log_fd >= 0)
    close (front->log_fd);
  if (front->dir)
    {
      const char *keep = g_getenv ("MISTRAL_TEST_FRONT_KEEP");

      if (keep && *keep && strcmp (keep, "0") != 0)
        g_printerr ("# tls-front: kept %s\n", front->dir);
      else
        rm_rf (front->dir);
    }
  g_free (front->dir);
  g_free (front->url);
  g_strfreev (front->argv);
  g_mutex_clear (&front->lock);
  g_cond_clear (&front->cond);
  g_free (front);
}
