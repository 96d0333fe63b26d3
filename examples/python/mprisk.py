"""mprisk.py - libmprisk from Python through ctypes: one class, three calls.

    rules = Ruleset("/usr/local/share/mprisk/rules/default")
    result = rules.evaluate(open("proposal.yaml").read())   # a dict
    rules.close()

The library does the work; this module only moves text across the boundary:
the proposal goes in as JSON or YAML text and the result comes back as one
result object of `mprisk evaluate --format json` (docs/json-output.md, format
version 2), parsed into a dict. Errors raise MprError with the library's "FILE:LINE:COL: message".
"""
import ctypes
import ctypes.util
import json
import os


class _Error(ctypes.Structure):
    # struct mpr_error in mprisk.h
    _fields_ = [("code", ctypes.c_int), ("file", ctypes.c_char * 512),
                ("line", ctypes.c_uint), ("column", ctypes.c_uint),
                ("message", ctypes.c_char * 512)]


class MprError(Exception):
    """An error of libmprisk; .code is the MPR_E* code."""

    def __init__(self, lib, err):
        buf = ctypes.create_string_buffer(1200)
        lib.mpr_error_format(ctypes.byref(err), buf, len(buf))
        super().__init__(buf.value.decode("utf-8", "replace"))
        self.code = err.code


def load_library(path=None):
    """libmprisk: the given path, $MPRISK_LIB, or the system's libmprisk.so."""
    path = path or os.environ.get("MPRISK_LIB") or ctypes.util.find_library("mprisk")
    if not path:
        raise OSError("libmprisk not found: install it or set MPRISK_LIB")
    lib = ctypes.CDLL(path)
    lib.mpr_version.restype = ctypes.c_char_p
    lib.mpr_ruleset_load.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p,
                                     ctypes.c_void_p, ctypes.POINTER(_Error)]
    lib.mpr_ruleset_free.argtypes = [ctypes.c_void_p]
    lib.mpr_ruleset_fingerprint.argtypes = [ctypes.c_void_p]
    lib.mpr_ruleset_fingerprint.restype = ctypes.c_char_p
    lib.mpr_evaluate_json.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                      ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                                      ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(_Error)]
    lib.mpr_error_format.argtypes = [ctypes.POINTER(_Error), ctypes.c_char_p, ctypes.c_size_t]
    lib.mpr_free.argtypes = [ctypes.c_void_p]
    return lib


class Ruleset:
    """A loaded ruleset; immutable, may be shared by threads."""

    def __init__(self, directory, lib=None):
        self._lib = lib or load_library()
        self._handle = ctypes.c_void_p()
        err = _Error()
        if self._lib.mpr_ruleset_load(ctypes.byref(self._handle), directory.encode(), None,
                                      ctypes.byref(err)) != 0:
            raise MprError(self._lib, err)

    @property
    def fingerprint(self):
        return self._lib.mpr_ruleset_fingerprint(self._handle).decode()

    def evaluate(self, proposal_text, name="<python>"):
        """Decide a proposal given as JSON or YAML text; the result as a dict."""
        data = proposal_text.encode("utf-8")
        out = ctypes.c_void_p()
        size = ctypes.c_size_t()
        err = _Error()
        if self._lib.mpr_evaluate_json(self._handle, data, len(data), name.encode(),
                                       ctypes.byref(out), ctypes.byref(size),
                                       ctypes.byref(err)) != 0:
            raise MprError(self._lib, err)
        try:
            return json.loads(ctypes.string_at(out, size.value).decode("utf-8"))
        finally:
            self._lib.mpr_free(out)

    def close(self):
        if self._handle:
            self._lib.mpr_ruleset_free(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
