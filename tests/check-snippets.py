#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# Every code snippet of README.md and doc/*.md, tried as a newcomer would:
# C compiled and run, Python and GJS run, Vala compiled and run, each
# against the local Mistral-compatible server (MISTRAL_BASE_URL), so that a
# snippet that no longer compiles or runs fails the suite.
#
# A snippet that is a fragment (no main function) is wrapped: C in main(),
# Vala in an async function run by a main loop. A block in another language
# (sh, plain text) is not code to run here.
#
# usage: check-snippets.py SRCDIR BUILDDIR   (meson passes both)

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

SRCDIR, BUILDDIR = sys.argv[1], sys.argv[2]
LIBDIR = os.path.join(BUILDDIR, "mistral-glib")
DEPS = ["glib-2.0", "gobject-2.0", "gio-2.0", "libsoup-3.0", "json-glib-1.0"]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)


def snippets():
    """(file, language, number, code) for each fenced block of code."""
    files = [os.path.join(SRCDIR, "README.md")]
    docdir = os.path.join(SRCDIR, "doc")
    files += sorted(os.path.join(docdir, f) for f in os.listdir(docdir) if f.endswith(".md"))
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for number, match in enumerate(FENCE.finditer(text), 1):
            yield os.path.relpath(path, SRCDIR), match.group(1), number, match.group(2)


def wrap_c(code):
    if re.search(r"^main \(|\bint\s+main\s*\(", code, re.M):
        return code
    includes = [line for line in code.splitlines() if line.startswith("#include")]
    body = [line for line in code.splitlines() if not line.startswith("#include")]
    return "\n".join(includes + ["", "int", "main (void)", "{"] + ["  " + line for line in body] + ["  return 0;", "}", ""])


def wrap_vala(code):
    if re.search(r"\bmain\s*\(", code):
        return code
    body = "\n".join("    " + line for line in code.splitlines())
    return f"""async void snippet () throws GLib.Error {{
{body}
}}

int main () {{
    var loop = new MainLoop ();
    int status = 0;
    snippet.begin ((obj, res) => {{
        try {{
            snippet.end (res);
        }} catch (GLib.Error e) {{
            printerr ("%s\\n", e.message);
            status = 1;
        }}
        loop.quit ();
    }});
    loop.run ();
    return status;
}}
"""


def pkg_config(*args):
    return subprocess.run(["pkg-config", *args, *DEPS], check=True, capture_output=True, text=True).stdout.split()


class SnippetTest(unittest.TestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.workdir = tempfile.mkdtemp(prefix="mistral-snippets-")
        # C and Vala see the headers as installed (flat, in one folder), as
        # a user's program does: staged from this build.
        stage = os.path.join(cls.workdir, "stage")
        subprocess.run(["meson", "install", "-C", BUILDDIR, "--no-rebuild", "--quiet", "--destdir", stage],
                       check=True, capture_output=True)
        cls.includedir = glob.glob(os.path.join(stage, "**", "include", "mistral-glib-1"), recursive=True)[0]
        cls.server = subprocess.Popen([os.environ["MISTRAL_MOCK_SERVER"]], stdout=subprocess.PIPE, text=True)
        url = cls.server.stdout.readline().strip()
        cls.env = dict(
            os.environ,
            MISTRAL_BASE_URL=url,
            MISTRAL_API_KEY="test-key",
            GI_TYPELIB_PATH=LIBDIR + ":" + os.environ.get("GI_TYPELIB_PATH", ""),
            LD_LIBRARY_PATH=LIBDIR + ":" + os.environ.get("LD_LIBRARY_PATH", ""),
        )

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        cls.server.stdout.close()
        shutil.rmtree(cls.workdir, ignore_errors=True)

    def run_ok(self, command, what):
        result = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, f"{what}: {' '.join(command)}\n{result.stdout}{result.stderr}")
        return result.stdout

    def check(self, source, language, number, code):
        name = os.path.join(self.workdir, f"{source.replace('/', '-')}-{number}")
        what = f"{source}, snippet {number} ({language})"
        if language == "c":
            with open(name + ".c", "w") as f:
                f.write(wrap_c(code))
            self.run_ok(["cc", "-o", name, name + ".c", "-I" + self.includedir,
                         *pkg_config("--cflags"), "-L" + LIBDIR, "-lmistral-glib-1", *pkg_config("--libs")], what)
            output = self.run_ok([name], what)
        elif language == "python":
            with open(name + ".py", "w") as f:
                f.write(code)
            output = self.run_ok(["/usr/bin/python3", name + ".py"], what)
        elif language == "js":
            with open(name + ".js", "w") as f:
                f.write(code)
            output = self.run_ok(["gjs", "-m", name + ".js"], what)
        elif language == "vala":
            with open(name + ".vala", "w") as f:
                f.write(wrap_vala(code))
            self.run_ok(["valac", "-o", name, "--vapidir", LIBDIR, "--pkg", "mistral-glib-1", "--pkg", "libsoup-3.0",
                         "--pkg", "json-glib-1.0", "--pkg", "gio-2.0", "-X", "-I" + self.includedir,
                         "-X", "-L" + LIBDIR, "-X", "-lmistral-glib-1", name + ".vala"], what)
            output = self.run_ok([name], what)
        else:
            return False
        # Each snippet asks the local server, which echoes the question, or
        # answers a JSON schema with "example" for each string, or (when the
        # snippet gives it a tool) calls the tool and repeats its result.
        self.assertTrue("Echo: " in output or "example" in output or "Tool said: " in output,
                        f"{what} printed {output!r}")
        print(f"{what}: ran, printed {output.strip()!r}")
        return True

    def test_snippets(self):
        checked = 0
        for source, language, number, code in snippets():
            with self.subTest(source=source, snippet=number, language=language):
                checked += self.check(source, language, number, code)
        # README's four, and the overview's C program.
        self.assertGreaterEqual(checked, 5)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
