#!/usr/bin/env python3
"""Writes the hostile-input cases into tests/hostile/cases/.

The files it writes ARE the suite (the runner reads only them); this script
is how most of them were first written, kept so that a reviewer can see the
whole list in one place and so that regenerating after a contract change is
one command. Adding a case by hand is fine: drop NAME.json or NAME.http next
to NAME.expect (the format is in docs/reliability.md).

    python3 tests/hostile/seed-cases.py [--clean]
"""
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")
MAX_BODY = 1048576  # aicostd's default --max-body (1 MiB)

cases = []


def add(name, why, body, status, *, kind="json", pointers=(), mentions=(), headers=(),
        nxt=(), method=None, path=None, ct=None, accept=None, send=(), expand=False,
        half_close=False, problem_optional=False, closes=False, gateway=None):
    """gateway: None, or a dict with `why` and any of `status`, `next` (a list),
    `closes` (bool) and `problem` ("optional" or "required"): what the case
    answers behind deploy/nginx when that differs (tests/gateway)."""
    cases.append(dict(name=name, why=why, body=body, status=status, kind=kind,
                      pointers=pointers, mentions=mentions, headers=headers, nxt=nxt,
                      method=method, path=path, ct=ct, accept=accept, send=send,
                      expand=expand, half_close=half_close,
                      problem_optional=problem_optional, closes=closes, gateway=gateway))


def js(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def mut(base, pointer, value=None, delete=False):
    """A copy of base with the member at pointer set (or deleted)."""
    doc = copy.deepcopy(base)
    parts = pointer.strip("/").split("/")
    cur = doc
    for p in parts[:-1]:
        cur = cur[int(p)] if isinstance(cur, list) else cur.setdefault(p, {})
    if delete:
        del cur[parts[-1]]
    else:
        cur[parts[-1]] = value
    return doc


def raw(method, path, *, headers=(), body=b"", version="HTTP/1.1", host=True, close=True,
        length=True):
    head = f"{method} {path} {version}\r\n"
    if host:
        head += "Host: 127.0.0.1\r\n"
    for h in headers:
        head += h + "\r\n"
    if length and body:
        head += f"Content-Length: {len(body)}\r\n"
    if close:
        head += "Connection: close\r\n"
    head += "\r\n"
    return head.encode() + (body if isinstance(body, bytes) else body.encode())


# ---- bases: small valid scenarios that each hostile case bends in one place ----
PER = {"name": "hostile", "inference": {"cost_per_request_usd": 0.005},
       "traffic": {"requests_per_day": 5000000}}
TRAIN = {"name": "hostile training", "model": "llama-3.1-70b",
         "training": {"gpu": "h100-sxm", "gpu_count": 1024, "pretraining": {"tokens": 1.5e13}},
         "inference": {"cost_per_request_usd": 0.005},
         "traffic": {"requests_per_day": 5000000}}
STAGES = mut(mut(TRAIN, "/training/fine_tuning", {"tokens": 2e9, "epochs": 2, "method": "lora"}),
             "/training/alignment", {"method": "dpo", "preference_pairs": 100000,
                                     "tokens_per_pair": 1024, "label_cost_usd": 1.5})
SH = {"name": "hostile self-hosted", "model": "llama-3.1-70b",
      "inference": {"self_hosted": {"gpu": "h100-sxm"}},
      "traffic": {"requests_per_day": 1000000, "input_tokens": 800, "output_tokens": 300}}
API = {"name": "hostile api", "inference": {"api": "openai/gpt-4o"},
       "traffic": {"requests_per_day": 1000000, "input_tokens": 800, "output_tokens": 300}}
INLINE_GPU = {"name": "custom", "memory_gib": 80, "memory_bandwidth_tb_s": 3.35,
              "peak_tflops": {"bf16": 989}, "price_per_hour_usd": {"on_demand": 2.5}}
CMP = "/v1/comparisons"
SYN = dict(pointers=["(root)"], mentions=["line"])

# ---- positive controls: if these fail, every 4xx below may be right for the wrong reason ----
add("ok-article", "the article's scenario ($0.005 x 5,000,000/day) must answer 200 with $25,000 a day",
    js(PER), "200", mentions=["25000"])
add("ok-training", "the training base every training case bends must itself be valid", js(TRAIN), "200")
add("ok-three-stages", "all three training stages together are valid", js(STAGES), "200")
add("ok-self-hosted", "the self-hosted base must itself be valid", js(SH), "200")
add("ok-api", "the API base must itself be valid", js(API), "200")
add("ok-horizon-1-day", "the smallest horizon with a daily series is valid",
    js(mut(mut(PER, "/horizon_days", 1), "/granularity", "day")), "200")
add("ok-horizon-3650-daily", "the largest horizon with a daily series (3,650 points) is valid",
    js(mut(mut(PER, "/horizon_days", 3650), "/granularity", "day")), "200")
add("ok-null-is-absent", "null on an optional member means 'use the default' (src/schema/fields.h)",
    js(mut(mut(PER, "/traffic/monthly_growth", None), "/granularity", None)), "200")
add("ok-charset", "application/json with a utf-8 charset parameter is JSON",
    js(PER), "200", ct="application/json; charset=utf-8")
add("ok-media-type-case", "media types are case-insensitive (RFC 9110 8.3.1)",
    js(PER), "200", ct="Application/JSON")
add("ok-unicode-name", "non-ASCII names, escaped surrogate pairs included, are valid",
    '{"name":"caf\u00e9 \\ud83d\\udcb8 \u2713","inference":{"cost_per_request_usd":0.005},'
    '"traffic":{"requests_per_day":5000000}}', "200")
add("ok-underflow-is-zero", "1e-400 underflows to 0, a valid request count",
    '{"inference":{"cost_per_request_usd":0.005},"traffic":{"requests_per_day":1e-400}}', "200")
add("ok-negative-zero", "-0.0 is >= 0 and must not be rejected or printed oddly",
    '{"inference":{"cost_per_request_usd":0.005},"traffic":{"requests_per_day":-0.0}}', "200")
add("ok-whitespace-padding", "100 KB of insignificant whitespace around a document is fine",
    "@@REPEAT 50000  @@" + js(PER) + "@@REPEAT 50000 \n@@", "200", expand=True)
pad = MAX_BODY - len(js(PER).encode())
add("ok-body-exactly-max", "a body of exactly --max-body bytes is accepted (limit is inclusive)",
    js(PER) + f"@@REPEAT {pad}  @@", "200", expand=True)
add("ok-description", "a scenario may describe itself", js(mut(PER, "/description", "why we ask")),
    "200")
add("ok-inline-gpu", "an inline GPU object prices hardware the catalogue lacks",
    js(mut(TRAIN, "/training/gpu", INLINE_GPU)), "200")
add("ok-inline-model", "an inline model needs only the keys its computation uses",
    js(mut(TRAIN, "/model", {"params_b": 7})), "200")
add("val-training-only", "inference and traffic are required in every scenario (docs/scenario.md): "
    "training alone is refused by name, never projected as a silent zero",
    js({"model": "llama-3.1-70b", "training": TRAIN["training"]}), "422",
    pointers=["/inference", "/traffic"])
add("val-lump-sum-only", "a lump sum with no inference is refused the same way",
    js({"training": {"cost_usd": 1000}}), "422", pointers=["/inference", "/traffic"])
add("ok-lump-sum", "training may be a known lump sum alone",
    js(mut(PER, "/training", {"cost_usd": 1000000})), "200")
add("ok-fixed-fleet", "a fixed self-hosted fleet is valid",
    js(mut(SH, "/inference/self_hosted/gpus", 16)), "200")
add("ok-comparison", "two scenarios compare", js({"horizon_days": 365, "scenarios": [PER, TRAIN]}),
    "200", path=CMP)
add("ok-comparison-16", "sixteen scenarios, the maximum, compare",
    js({"scenarios": [PER] * 16}), "200", path=CMP)

# ---- bytes that are not one JSON document: 400 with line and column ----
add("syn-empty-body", "an empty body is not a document", "", "400", pointers=["(root)"])
add("syn-whitespace-only", "whitespace is not a document", "   \n\t ", "400", **SYN)
add("syn-open-brace", "a lone '{' is truncated JSON", "{", "400", **SYN)
add("syn-truncated-member", "a document cut after a key", '{"name":', "400", **SYN)
add("syn-truncated-string", "a document cut inside a string", '{"name":"hostile', "400", **SYN)
add("syn-truncated-object", "a document cut before its closing brace", js(PER)[:-1], "400", **SYN)
add("syn-truncated-mid-number", "a document cut inside a number",
    '{"traffic":{"requests_per_day":50', "400", **SYN)
add("syn-open-bracket", "a lone '[' is truncated JSON", "[", "400", **SYN)
add("syn-trailing-comma", "a trailing comma is not JSON", '{"name":"a",}', "400", **SYN)
add("syn-single-quotes", "single-quoted strings are not JSON", "{'name':'a'}", "400", **SYN)
add("syn-unquoted-key", "unquoted keys are not JSON", '{name:"a"}', "400", **SYN)
add("syn-two-documents", "two documents in one body", "{}{}", "400", **SYN)
add("syn-trailing-garbage", "bytes after the document", js(PER) + " x", "400", **SYN)
add("syn-comment", "comments are not JSON", "// hi\n" + js(PER), "400", **SYN)
add("syn-nan", "NaN is not JSON", '{"traffic":{"requests_per_day":NaN}}', "400", **SYN)
add("syn-infinity", "Infinity is not JSON", '{"traffic":{"requests_per_day":Infinity}}', "400",
    **SYN)
add("syn-minus-infinity", "-Infinity is not JSON", '{"traffic":{"requests_per_day":-Infinity}}',
    "400", **SYN)
add("syn-leading-zero", "a leading zero is not JSON", '{"horizon_days":0365}', "400", **SYN)
add("syn-bare-dot", "'1.' is not a JSON number", '{"horizon_days":1.}', "400", **SYN)
add("syn-dot-first", "'.5' is not a JSON number", '{"traffic":{"monthly_growth":.5}}', "400", **SYN)
add("syn-bare-exponent", "'1e' is not a JSON number", '{"horizon_days":1e}', "400", **SYN)
add("syn-plus-sign", "'+1' is not a JSON number", '{"horizon_days":+1}', "400", **SYN)
add("syn-hex", "hex is not a JSON number", '{"horizon_days":0x10}', "400", **SYN)
add("syn-bad-escape", "'\\x' is not a JSON escape", '{"name":"\\x41"}', "400", **SYN)
add("syn-short-unicode-escape", "'\\u12' is not a JSON escape", '{"name":"\\u12"}', "400", **SYN)
add("syn-lone-high-surrogate", "a lone high surrogate is not a character",
    '{"name":"\\ud800"}', "400", **SYN)
add("syn-lone-low-surrogate", "a lone low surrogate is not a character",
    '{"name":"\\udc00"}', "400", **SYN)
add("syn-surrogate-then-letter", "a high surrogate must be followed by a low one",
    '{"name":"\\ud800\\u0041"}', "400", **SYN)
add("syn-utf8-ff", "0xFF never appears in UTF-8", b'{"name":"\xff"}', "400", **SYN)
add("syn-utf8-overlong", "overlong encodings are invalid UTF-8", b'{"name":"\xc0\xaf"}', "400",
    **SYN)
add("syn-utf8-truncated", "a multi-byte sequence cut short", b'{"name":"\xe2\x82"}', "400", **SYN)
add("syn-utf8-cesu-surrogate", "UTF-8-encoded surrogates (CESU-8) are invalid",
    b'{"name":"\xed\xa0\x80"}', "400", **SYN)
add("syn-utf8-beyond-10ffff", "code points beyond U+10FFFF are invalid",
    b'{"name":"\xf4\x90\x80\x80"}', "400", **SYN)
add("syn-utf8-in-key", "invalid UTF-8 in a key", b'{"na\xffme":"a"}', "400", **SYN)
add("syn-utf8-at-end", "a body ending inside a multi-byte sequence", b'{"name":"a"}\xf0\x9f',
    "400", **SYN)
add("syn-nul-after-document", "a NUL byte after the document", js(PER).encode() + b"\x00", "400",
    **SYN)
add("syn-nul-in-string", "a raw NUL byte inside a string", b'{"name":"a\x00b"}', "400", **SYN)
add("syn-nul-escape", "\\u0000 is refused by the parser (NUL would cut C strings)",
    '{"name":"a\\u0000b"}', "400", **SYN)
add("syn-duplicate-key", "duplicate keys are ambiguous: which one counts?",
    '{"name":"a","name":"b","inference":{"cost_per_request_usd":0.005},'
    '"traffic":{"requests_per_day":5}}', "400", **SYN)
add("syn-duplicate-key-nested", "duplicate keys deep inside are just as ambiguous",
    '{"inference":{"cost_per_request_usd":0.005},'
    '"traffic":{"requests_per_day":5,"requests_per_day":5000000}}', "400", **SYN)
add("syn-duplicate-key-escaped", "a key spelled with an escape is the same key",
    '{"name":"a","na\\u006de":"b"}', "400", **SYN)
add("syn-integer-beyond-int64", "integers beyond int64 are beyond what the parser takes",
    '{"horizon_days":9223372036854775808}', "400", **SYN)
add("syn-negative-beyond-int64", "negative integers beyond int64",
    '{"horizon_days":-9223372036854775809}', "400", **SYN)
add("syn-hundred-digit-integer", "a 100-digit integer", '{"horizon_days":' + "9" * 100 + "}",
    "400", **SYN)
add("syn-real-overflow", "1e400 is beyond double", '{"traffic":{"requests_per_day":1e400}}',
    "400", **SYN)
add("syn-negative-real-overflow", "-1e400 is beyond double",
    '{"traffic":{"requests_per_day":-1e400}}', "400", **SYN)
add("syn-huge-exponent", "an exponent of a trillion", '{"horizon_days":1e999999999999}', "400",
    **SYN)
add("syn-bom", "a byte-order mark is not part of a JSON text (RFC 8259 8.1)",
    b"\xef\xbb\xbf" + js(PER).encode(), "400", **SYN)
add("syn-raw-tab-in-string", "control characters must be escaped", '{"name":"a\tb"}', "400",
    **SYN)
add("syn-raw-newline-in-string", "a raw newline inside a string", '{"name":"a\nb"}', "400", **SYN)
add("syn-uppercase-true", "TRUE is not a JSON literal",
    '{"training":{"pretraining":{"recompute":TRUE}}}', "400", **SYN)
add("syn-truncated-literal", "'nul' is not a JSON literal", '{"name":nul}', "400", **SYN)
add("syn-scalar-top-level", "a bare number: not a scenario (400 by the parser's rule, 422 would "
    "also name the root)", "42", "400|422", pointers=["(root)"])
add("syn-string-top-level", "a bare string: not a scenario", '"hello"', "400|422",
    pointers=["(root)"])
add("syn-nesting-10000-arrays", "nesting 10,000 deep must not blow the stack",
    "@@REPEAT 10000 [@@@@REPEAT 10000 ]@@", "400", expand=True, **SYN)
add("syn-nesting-10000-objects", "nesting 10,000 objects deep",
    '@@REPEAT 10000 {"a":@@1@@REPEAT 10000 }@@', "400", expand=True, **SYN)
add("syn-nesting-2049-in-name", "just past the parser's depth limit, inside a member",
    '{"name":@@REPEAT 2048 [@@@@REPEAT 2048 ]@@}', "400", expand=True, **SYN)
add("syn-10000-duplicate-keys", "ten thousand copies of one key",
    '{@@REPEAT 10000 "name":"a",@@"name":"b"}', "400", expand=True, **SYN)

# ---- the document's shape ----
add("val-array-top-level", "an array is JSON but not a scenario", "[]", "422",
    pointers=["(root)"])
add("val-array-of-scenario", "a scenario wrapped in an array", "[" + js(PER) + "]", "422",
    pointers=["(root)"])
add("val-empty-object", "nothing to cost would be a silent zero: the required members are named",
    "{}", "422", pointers=["/inference|(root)", "/traffic|(root)"])
add("val-unknown-field-typo", "a typo never silently becomes a default",
    js(mut(PER, "/nmae", "x")), "422", pointers=["/nmae"], mentions=["did you mean"])
add("val-unknown-field-escaped", "unknown keys are named by RFC 6901 pointers (~1 for /, ~0 for ~)",
    js(mut(PER, "/a~1b~0c", 1)).replace("a~1b~0c", "a/b~c"), "422", pointers=["/a~1b~0c"])
add("val-unknown-empty-key", "the empty key's pointer is '/'", js(PER)[:-1] + ',"":1}', "422",
    pointers=["/"])
add("val-unknown-long-key", "a 10 KB unknown key is reported without echoing all of it",
    js(PER)[:-1] + ',"@@REPEAT 10000 k@@":1}', "422", expand=True, mentions=["unknown"])
add("val-every-field-wrong", "every problem is reported, not only the first",
    js({"name": 1, "horizon_days": 0, "granularity": "year", "model": 5,
        "inference": {"cost_per_request_usd": -1},
        "traffic": {"requests_per_day": -1, "monthly_growth": 99}}), "422",
    pointers=["/name", "/horizon_days", "/granularity", "/model",
              "/inference/cost_per_request_usd", "/traffic/requests_per_day",
              "/traffic/monthly_growth"])

# ---- name, horizon, granularity ----
for tag, v in [("number", 42), ("array", ["a"]), ("object", {"a": 1}), ("bool", True)]:
    add(f"val-name-{tag}", f"name must be a string, not a {tag}", js(mut(PER, "/name", v)), "422",
        pointers=["/name"])
add("val-name-201-chars", "names are bounded", js(mut(PER, "/name", "n" * 201)), "422",
    pointers=["/name"])
add("val-name-1mb", "a 1 MB name is refused without echoing it",
    js(PER).replace('"hostile"', '"@@REPEAT 1000000 n@@"'), "422", expand=True,
    pointers=["/name"])
add("val-name-nested-2000", "2,000 levels of nesting (under the parser's limit) as a name",
    js(PER).replace('"hostile"', "@@REPEAT 2000 [@@@@REPEAT 2000 ]@@"), "422", expand=True,
    pointers=["/name"])
add("val-name-100000-array", "a 100,000-element array as a name",
    js(PER).replace('"hostile"', "[@@REPEAT 99999 1,@@1]"), "422", expand=True,
    pointers=["/name"])
for tag, v in [("zero", 0), ("negative", -1), ("3651", 3651), ("fraction", 1.5),
               ("string", "365"), ("bool", True), ("1e308", 1e308),
               ("2pow31", 2147483648), ("wraps-to-1", 4294967297), ("negative-huge", -2**62),
               ("object", {"days": 365})]:
    add(f"val-horizon-{tag}", "horizon_days is an integer 1..3650; out-of-range values must not "
        "wrap or truncate", js(mut(PER, "/horizon_days", v)), "422", pointers=["/horizon_days"])
add("val-horizon-negative-zero", "-0 is 0, below the minimum", js(PER)[:-1] + ',"horizon_days":-0}',
    "422", pointers=["/horizon_days"])
for tag, v in [("year", "year"), ("empty", ""), ("uppercase", "MONTH"), ("number", 1),
               ("array", ["month"])]:
    add(f"val-granularity-{tag}", "granularity is day, week or month",
        js(mut(PER, "/granularity", v)), "422", pointers=["/granularity"])

# ---- model ----
for tag, v in [("empty", ""), ("number", 123), ("array", []), ("bool", False)]:
    add(f"val-model-{tag}", "model is a catalogue id or an inline object",
        js(mut(TRAIN, "/model", v)), "422", pointers=["/model"])
add("val-model-unknown", "an unknown model id is a 422 naming it, never a silent zero",
    js(mut(TRAIN, "/model", "no-such-model")), "422", pointers=["/model"],
    mentions=["no-such-model"])
add("val-model-near-miss", "a near miss suggests the nearest ids",
    js(mut(TRAIN, "/model", "llama-3.1-70")), "422", pointers=["/model"],
    mentions=["did you mean"])
add("val-model-id-1mb", "a 1 MB id must neither echo whole nor take long to suggest for",
    js(TRAIN).replace('"llama-3.1-70b"', '"@@REPEAT 1000000 m@@"'), "422", expand=True,
    pointers=["/model"])
add("val-model-id-control-chars", "an id of control characters (escaped) is unknown",
    js(mut(TRAIN, "/model", "\u0001\u0002\u001f")), "422", pointers=["/model"])
for tag, key, v in [("params-negative", "params_b", -1), ("params-zero", "params_b", 0),
                    ("params-string", "params_b", "70"), ("params-1e308", "params_b", 1e308),
                    ("layers-fraction", "layers", 1.5), ("layers-zero", "layers", 0),
                    ("context-negative", "context", -4096)]:
    add(f"val-inline-model-{tag}", "inline model members are checked like catalogue ones",
        js(mut(TRAIN, "/model", {"params_b": 70, key: v})), "422", pointers=[f"/model/{key}"])
add("val-inline-model-unknown-key", "inline objects reject unknown keys too",
    js(mut(TRAIN, "/model", {"params_b": 70, "parameters": 70})), "422",
    pointers=["/model/parameters"])
add("val-inline-model-active-over-total", "active parameters cannot exceed the total",
    js(mut(TRAIN, "/model", {"params_b": 7, "active_params_b": 70})), "422",
    pointers=["/model/active_params_b"])
add("val-inline-model-kv-over-heads", "kv_heads cannot exceed heads",
    js(mut(SH, "/model", {"params_b": 7, "layers": 32, "heads": 8, "kv_heads": 32,
                          "head_dim": 128, "d_model": 4096})), "422",
    pointers=["/model/kv_heads"])

# ---- training ----
for tag, v in [("string", "x"), ("array", []), ("empty", {})]:
    add(f"val-training-{tag}", "training is an object with a lump sum or at least one stage",
        js(mut(PER, "/training", v)), "422", pointers=["/training"])
add("val-training-gpu-unknown", "an unknown GPU suggests the nearest ids",
    js(mut(TRAIN, "/training/gpu", "h100")), "422", pointers=["/training/gpu"],
    mentions=["did you mean"])
add("val-training-gpu-number", "gpu is an id or an object", js(mut(TRAIN, "/training/gpu", 42)),
    "422", pointers=["/training/gpu"])
for tag, v in [("zero", 0), ("negative", -8), ("fraction", 1.5), ("string", "8"),
               ("1e308", 1e308), ("1e8", 1e8)]:
    add(f"val-gpu-count-{tag}", "gpu_count is a whole number of GPUs within bounds",
        js(mut(TRAIN, "/training/gpu_count", v)), "422", pointers=["/training/gpu_count"])
for key, v in [("mfu", 0), ("mfu", 1.5), ("mfu", -0.1), ("mfu", "0.4"), ("goodput", 0),
               ("goodput", 2)]:
    add(f"val-training-{key}-{str(v).replace('.', '_')}", f"{key} is a fraction in (0, 1]",
        js(mut(TRAIN, f"/training/{key}", v)), "422", pointers=[f"/training/{key}"])
add("val-training-pricing-unknown", "pricing is on_demand, reserved or owned",
    js(mut(TRAIN, "/training/pricing", "free")), "422", pointers=["/training/pricing"])
add("val-training-precision-fp64", "fp64 is not a precision we price",
    js(mut(TRAIN, "/training/precision", "fp64")), "422", pointers=["/training/precision"])
add("val-training-precision-uppercase", "precisions are lower case",
    js(mut(TRAIN, "/training/precision", "BF16")), "422", pointers=["/training/precision"])
add("val-training-precision-gpu-lacks", "an impossible combination: fp8 on an A100, which has none",
    js(mut(mut(TRAIN, "/training/gpu", "a100-40gb-sxm"), "/training/precision", "fp8")), "422",
    pointers=["/training/precision|/training/gpu"])
add("val-training-price-negative", "a negotiated rate is >= 0",
    js(mut(TRAIN, "/training/price_per_gpu_hour_usd", -1)), "422",
    pointers=["/training/price_per_gpu_hour_usd"])
add("val-training-price-huge", "a GPU-hour rate is bounded",
    js(mut(TRAIN, "/training/price_per_gpu_hour_usd", 1e300)), "422",
    pointers=["/training/price_per_gpu_hour_usd"])
for tag, v in [("negative", -1), ("string", "1e12"), ("1e300", 1e300)]:
    add(f"val-pretraining-tokens-{tag}", "pretraining tokens are a bounded number >= 0",
        js(mut(TRAIN, "/training/pretraining/tokens", v)), "422",
        pointers=["/training/pretraining/tokens"])
add("val-pretraining-tokens-and-hours", "tokens (estimate) and gpu_hours (measured) exclude each other",
    js(mut(TRAIN, "/training/pretraining/gpu_hours", 1000)), "422",
    pointers=["/training/pretraining/tokens|/training/pretraining/gpu_hours|/training/pretraining"])
add("val-pretraining-empty", "a stage needs tokens or gpu_hours",
    js(mut(TRAIN, "/training/pretraining", {})), "422", pointers=["/training/pretraining"])
add("val-pretraining-recompute-string", "recompute is a boolean",
    js(mut(TRAIN, "/training/pretraining/recompute", "yes")), "422",
    pointers=["/training/pretraining/recompute"])
add("val-pretraining-unknown-key", "stage objects reject unknown keys",
    js(mut(TRAIN, "/training/pretraining/token", 5)), "422",
    pointers=["/training/pretraining/token"])
add("val-fine-tuning-method", "fine-tuning is full or lora",
    js(mut(STAGES, "/training/fine_tuning/method", "qlora")), "422",
    pointers=["/training/fine_tuning/method"])
add("val-fine-tuning-epochs-zero", "zero epochs is no fine-tuning",
    js(mut(STAGES, "/training/fine_tuning/epochs", 0)), "422",
    pointers=["/training/fine_tuning/epochs"])
add("val-alignment-method", "alignment is dpo or rlhf",
    js(mut(STAGES, "/training/alignment/method", "ppo")), "422",
    pointers=["/training/alignment/method"])
add("val-alignment-pairs-negative", "preference pairs are a count",
    js(mut(STAGES, "/training/alignment/preference_pairs", -1)), "422",
    pointers=["/training/alignment/preference_pairs"])
add("val-alignment-label-cost-negative", "labelling cost is >= 0",
    js(mut(STAGES, "/training/alignment/label_cost_usd", -1.5)), "422",
    pointers=["/training/alignment/label_cost_usd"])
add("val-alignment-rlhf-member-with-dpo", "rlhf-only members are refused with dpo",
    js(mut(STAGES, "/training/alignment/ppo_episodes", 1000)), "422",
    pointers=["/training/alignment/ppo_episodes"])
add("val-lump-sum-negative", "a lump sum is >= 0",
    js(mut(PER, "/training", {"cost_usd": -5})), "422", pointers=["/training/cost_usd"])
add("val-lump-sum-with-stage", "a lump sum replaces the stages, so both is a contradiction",
    js(mut(TRAIN, "/training/cost_usd", 1e6)), "422", pointers=["/training/pretraining|/training/cost_usd|/training/gpu|/training/gpu_count"])
add("val-training-without-model", "pretraining FLOPs need a model",
    js(mut(TRAIN, "/model", delete=True)), "422", pointers=["/model|/training/pretraining"])
add("val-training-without-gpu", "estimated GPU-hours need a GPU",
    js(mut(TRAIN, "/training/gpu", delete=True)), "422", pointers=["/training/gpu|/training"])
add("val-inline-gpu-lacks-precision", "an inline GPU without a peak at the training precision",
    js(mut(TRAIN, "/training/gpu", {"name": "x", "memory_gib": 80, "memory_bandwidth_tb_s": 2,
                                    "peak_tflops": {"fp32": 60},
                                    "price_per_hour_usd": {"on_demand": 2}})), "422",
    pointers=["/training/gpu/peak_tflops/bf16|/training/gpu/peak_tflops|/training/precision|/training/gpu"])
add("val-inline-gpu-negative-memory", "inline GPU members are range-checked",
    js(mut(TRAIN, "/training/gpu", dict(INLINE_GPU, memory_gib=-80))), "422",
    pointers=["/training/gpu/memory_gib"])
add("val-inline-gpu-unknown-precision", "an unknown precision key in peak_tflops",
    js(mut(TRAIN, "/training/gpu", dict(INLINE_GPU, peak_tflops={"bf16": 989, "fp64": 67}))),
    "422", pointers=["/training/gpu/peak_tflops/fp64"])

# ---- inference ----
for tag, v in [("string", "x"), ("empty", {}), ("array", [])]:
    add(f"val-inference-{tag}", "inference is exactly one of three forms",
        js(mut(PER, "/inference", v)), "422", pointers=["/inference"])
add("val-inference-two-forms", "two inference forms at once are ambiguous",
    js(mut(PER, "/inference/api", "openai/gpt-4o")), "422", pointers=["/inference"])
for tag, v in [("negative", -0.001), ("string", "0.005"), ("huge", 1e300), ("bool", True)]:
    add(f"val-cost-per-request-{tag}", "cost_per_request_usd is a bounded number >= 0",
        js(mut(PER, "/inference/cost_per_request_usd", v)), "422",
        pointers=["/inference/cost_per_request_usd"])
add("val-api-unknown", "an unknown API price id is a 422, never a silent zero",
    js(mut(API, "/inference/api", "nope/nope")), "422", pointers=["/inference/api"],
    mentions=["nope/nope"])
add("val-api-near-miss", "a near miss on an API id suggests",
    js(mut(API, "/inference/api", "openai/gpt4o")), "422", pointers=["/inference/api"],
    mentions=["did you mean"])
add("val-api-number", "api is a string id", js(mut(API, "/inference/api", 5)), "422",
    pointers=["/inference/api"])
add("val-self-hosted-string", "self_hosted is an object",
    js(mut(SH, "/inference/self_hosted", "h100")), "422", pointers=["/inference/self_hosted"])
add("val-self-hosted-empty", "self_hosted needs a gpu",
    js(mut(SH, "/inference/self_hosted", {})), "422", pointers=["/inference/self_hosted/gpu"])
add("val-self-hosted-gpu-unknown", "an unknown serving GPU",
    js(mut(SH, "/inference/self_hosted/gpu", "h1OO-sxm")), "422",
    pointers=["/inference/self_hosted/gpu"])
for key, v in [("max_batch", 0), ("max_batch", 1.5), ("target_utilization", 0),
               ("target_utilization", 1.5), ("gpus_per_replica", 0), ("gpus", -1),
               ("bandwidth_efficiency", 2), ("compute_efficiency", -0.5)]:
    add(f"val-self-hosted-{key}-{str(v).replace('.', '_').replace('-', 'minus')}",
        f"self_hosted {key} is range-checked",
        js(mut(SH, f"/inference/self_hosted/{key}", v)), "422",
        pointers=[f"/inference/self_hosted/{key}"])
add("val-self-hosted-unknown-key", "self_hosted rejects unknown keys",
    js(mut(SH, "/inference/self_hosted/replicas", 3)), "422",
    pointers=["/inference/self_hosted/replicas"])
add("val-self-hosted-cannot-fit", "an impossible combination: 405B weights on one 24 GB L4",
    js(mut(mut(mut(SH, "/model", "llama-3.1-405b"), "/inference/self_hosted/gpu", "l4"),
           "/inference/self_hosted/gpus_per_replica", 1)), "422",
    pointers=["/inference/self_hosted/gpus_per_replica"])
add("val-self-hosted-fleet-below-replica", "a fixed fleet smaller than one replica cannot serve",
    js(mut(mut(SH, "/inference/self_hosted/gpus_per_replica", 8),
           "/inference/self_hosted/gpus", 4)), "422",
    pointers=["/inference/self_hosted/gpus|/inference/self_hosted/gpus_per_replica"])
add("val-self-hosted-without-model", "sizing a fleet needs a model",
    js(mut(SH, "/model", delete=True)), "422", pointers=["/model|/inference/self_hosted"])
add("val-inference-without-traffic", "inference needs traffic",
    js(mut(PER, "/traffic", delete=True)), "422", pointers=["/traffic"])

# ---- traffic ----
for tag, v in [("string", "x"), ("array", [1]), ("empty", {})]:
    add(f"val-traffic-{tag}", "traffic is an object with requests_per_day",
        js(mut(PER, "/traffic", v)), "422",
        pointers=["/traffic|/traffic/requests_per_day"])
for tag, v in [("negative", -1), ("string", "5"), ("bool", True), ("null", None),
               ("1e13", 1e13), ("1e308", 1e308)]:
    add(f"val-requests-{tag}", "requests_per_day is required, >= 0 and bounded",
        js(mut(PER, "/traffic/requests_per_day", v)), "422",
        pointers=["/traffic/requests_per_day"])
for key, v in [("monthly_growth", -1), ("monthly_growth", 11), ("monthly_growth", "5%"),
               ("max_requests_per_day", -1), ("peak_to_average", 0), ("peak_to_average", 0.5),
               ("input_tokens", -1), ("input_tokens", 1e8), ("output_tokens", "300")]:
    add(f"val-traffic-{key}-{str(v).replace('.', '_').replace('-', 'minus').replace('%', 'pct')}",
        f"traffic {key} is range-checked", js(mut(PER, f"/traffic/{key}", v)), "422",
        pointers=[f"/traffic/{key}"])
add("val-cached-over-input", "cached input tokens are part of the input, so cannot exceed it",
    js(mut(mut(API, "/traffic/cached_input_tokens", 900), "/traffic/input_tokens", 800)), "422",
    pointers=["/traffic/cached_input_tokens"])
add("val-traffic-typo", "a typo in traffic suggests the right name",
    js(mut(PER, "/traffic/requests_per_dya", 5)), "422", pointers=["/traffic/requests_per_dya"],
    mentions=["did you mean"])

# ---- arithmetic that would overflow: every input in bounds, the product not ----
GROW = mut(mut(mut(PER, "/horizon_days", 3650), "/traffic/requests_per_day", 1e12),
           "/traffic/monthly_growth", 10)
GROW_PTRS = ["/traffic/monthly_growth|/traffic/requests_per_day|/horizon_days|/traffic"]
add("ovf-growth-3650-days", "1e12 requests/day growing 10x a month for 10 years overflows any "
    "meaningful figure: 422 naming the field", js(GROW), "422", pointers=GROW_PTRS)
add("ovf-growth-3650-days-daily", "the same with a daily series (3,650 points)",
    js(mut(GROW, "/granularity", "day")), "422", pointers=GROW_PTRS)
add("ovf-growth-max-price", "the same at the highest price per request",
    js(mut(GROW, "/inference/cost_per_request_usd", 1e4)), "422", pointers=GROW_PTRS)
add("ovf-growth-self-hosted", "a fleet sized for exponential traffic overflows",
    js(mut(mut(mut(SH, "/horizon_days", 3650), "/traffic/requests_per_day", 1e12),
           "/traffic/monthly_growth", 10)), "422", pointers=GROW_PTRS)
add("ovf-growth-api", "API bills for exponential traffic overflow",
    js(mut(mut(mut(API, "/horizon_days", 3650), "/traffic/requests_per_day", 1e12),
           "/traffic/monthly_growth", 10)), "422", pointers=GROW_PTRS)
add("ovf-tiny-peak", "a GPU peak of 1e-300 TFLOP/s makes GPU-hours infinite",
    js(mut(TRAIN, "/training/gpu", dict(INLINE_GPU, peak_tflops={"bf16": 1e-300}))), "422",
    pointers=["/training/gpu/peak_tflops/bf16|/training/gpu|/training/pretraining/tokens|/training/pretraining"])
add("ovf-tiny-mfu", "an MFU of 1e-300 is in (0, 1] yet makes GPU-hours infinite",
    js(mut(TRAIN, "/training/mfu", 1e-300)), "422", pointers=["/training/mfu|/training/pretraining"])
add("ovf-denormal-goodput", "a denormal goodput (5e-324) makes GPU-hours infinite",
    js(mut(TRAIN, "/training/goodput", 5e-324)), "422",
    pointers=["/training/goodput|/training/pretraining"])
# Serving inputs at the edge of their ranges, with the most traffic allowed for
# the longest horizon, so that the bill really leaves double's range.
SH_MAX = mut(mut(SH, "/horizon_days", 3650), "/traffic/requests_per_day", 1e12)
SERVE_PTRS = "/traffic/requests_per_day|/inference/self_hosted|/traffic"
add("ovf-tiny-target-utilization", "a target utilisation of 1e-300 needs infinitely many replicas",
    js(mut(SH_MAX, "/inference/self_hosted/target_utilization", 1e-300)), "422",
    pointers=["/inference/self_hosted/target_utilization|" + SERVE_PTRS])
add("ovf-tiny-bandwidth", "a serving GPU with 1e-300 TB/s decodes infinitely slowly",
    js(mut(SH_MAX, "/inference/self_hosted/gpu", dict(INLINE_GPU, memory_gib=80,
                                                      memory_bandwidth_tb_s=1e-300))), "422",
    pointers=["/inference/self_hosted/gpu/memory_bandwidth_tb_s|/inference/self_hosted/gpu|" +
              SERVE_PTRS])
add("ovf-tiny-memory", "a serving GPU with 1e-300 GiB needs infinitely many GPUs per replica",
    js(mut(SH, "/inference/self_hosted/gpu", dict(INLINE_GPU, memory_gib=1e-300))), "422",
    pointers=["/inference/self_hosted/gpu/memory_gib|/inference/self_hosted/gpu|" + SERVE_PTRS])
add("ovf-tiny-compute-efficiency", "a compute efficiency of 1e-300 makes prefill infinite",
    js(mut(SH_MAX, "/inference/self_hosted/compute_efficiency", 1e-300)), "422",
    pointers=["/inference/self_hosted/compute_efficiency|" + SERVE_PTRS])
add("ovf-denormal-utilization-3650", "a denormal utilisation (5e-324) over ten years",
    js(mut(SH_MAX, "/inference/self_hosted/target_utilization", 5e-324)), "422",
    pointers=["/inference/self_hosted/target_utilization|" + SERVE_PTRS])
add("ovf-huge-everything-training", "max tokens on the largest model on one GPU at the highest price",
    js(mut(mut(mut(mut(TRAIN, "/model", {"params_b": 1e5}), "/training/pretraining/tokens", 1e16),
               "/training/gpu_count", 1), "/training/price_per_gpu_hour_usd", 1e4)),
    "200|422", pointers=["/training/pretraining/tokens|/training/pretraining|/model/params_b"])

# ---- sizes ----
over = MAX_BODY + 1 - len(js(PER).encode())
add("big-body-max-plus-one", "one byte over --max-body is 413, decided before parsing",
    js(PER) + f"@@REPEAT {over}  @@", "413", expand=True)
add("big-body-2mb-string", "a 2 MB body is 413, never truncated into a 400",
    js(PER).replace('"hostile"', '"@@REPEAT 2000000 n@@"'), "413", expand=True)
add("big-100000-scenarios", "100,000 scenarios are refused by count before any is read",
    '{"scenarios":[@@REPEAT 99999 {},@@{}]}', "422", expand=True, path=CMP,
    pointers=["/scenarios"])
add("big-50000-unknown-fields", "50,000 unknown fields: the list is capped, the server unhurt",
    js(PER)[:-1] + ',@@SEQ 50000 "k%d":1,@@"last":1}', "422", expand=True,
    mentions=["unknown"])
add("big-100000-traffic-objects", "an array of 100,000 objects where an object belongs",
    js(PER).replace('{"requests_per_day":5000000}', "[@@REPEAT 99999 {},@@{}]"), "422",
    expand=True, pointers=["/traffic"])
add("big-1mb-api-id", "a 1 MB API id", js(API).replace('"openai/gpt-4o"', '"@@REPEAT 1000000 a@@"'),
    "422", expand=True, pointers=["/inference/api"])
add("big-1mb-gpu-id", "a 1 MB GPU id", js(TRAIN).replace('"h100-sxm"', '"@@REPEAT 1000000 g@@"'),
    "422", expand=True, pointers=["/training/gpu"])
add("big-1mb-enum", "a 1 MB value for an enum member",
    js(mut(PER, "/granularity", "G")).replace('"G"', '"@@REPEAT 1000000 w@@"'), "422",
    expand=True, pointers=["/granularity"])

# ---- comparisons ----
add("cmp-empty-object", "a comparison needs scenarios", "{}", "422", path=CMP,
    pointers=["/scenarios"])
for tag, v in [("empty", []), ("one", [PER]), ("seventeen", [PER] * 17), ("string", "x"),
               ("null", None), ("object", {"0": PER})]:
    add(f"cmp-scenarios-{tag}", "a comparison holds 2 to 16 scenarios",
        js({"scenarios": v}), "422", path=CMP, pointers=["/scenarios"])
add("cmp-scenario-not-object", "each scenario is an object, named by its index",
    js({"scenarios": [1, PER]}), "422", path=CMP, pointers=["/scenarios/0"])
add("cmp-second-scenario-invalid", "errors inside a comparison carry the scenario index",
    js({"scenarios": [PER, mut(PER, "/traffic/requests_per_day", -1)]}), "422", path=CMP,
    pointers=["/scenarios/1/traffic/requests_per_day"])
add("cmp-escaped-key-in-scenario", "pointers inside a comparison are escaped too",
    js({"scenarios": [PER, mut(PER, "/x", 1)]}).replace('"x":1', '"a/b":1'), "422", path=CMP,
    pointers=["/scenarios/1/a~1b"])
for tag, v in [("zero", 0), ("string", "365"), ("3651", 3651)]:
    add(f"cmp-horizon-{tag}", "the comparison's horizon is 1..3650",
        js({"horizon_days": v, "scenarios": [PER, PER]}), "422", path=CMP,
        pointers=["/horizon_days"])
add("cmp-unknown-field", "comparisons reject unknown members",
    js({"scenarios": [PER, PER], "rank_by": "total"}), "422", path=CMP, pointers=["/rank_by"])
bad5 = {"name": 1, "horizon_days": 0, "granularity": 2, "inference": {"cost_per_request_usd": -1},
        "traffic": {"requests_per_day": -1}}
add("cmp-80-errors", "16 scenarios x 5 errors overflow the 64-entry list without harm",
    js({"scenarios": [bad5] * 16}), "422", path=CMP,
    pointers=["/scenarios/0/traffic/requests_per_day"])
add("cmp-overflowing-scenario", "an overflowing scenario inside a comparison names its index",
    js({"scenarios": [PER, mut(TRAIN, "/training/mfu", 1e-300)]}), "422", path=CMP,
    pointers=["/scenarios/1/training/mfu|/scenarios/1/training/pretraining"])
add("cmp-body-to-projections", "a comparison sent to /v1/projections is an unknown member there",
    js({"scenarios": [PER, PER]}), "422", pointers=["/scenarios"])
add("cmp-scenario-to-comparisons", "a scenario sent to /v1/comparisons lacks scenarios",
    js(PER), "422", path=CMP, pointers=["/scenarios"])

# ---- HTTP: methods, paths, media types ----
add("http-get-projections", "the path exists, the method does not: 405 with Allow",
    raw("GET", "/v1/projections"), "405", kind="http", headers=["Allow: POST"])
add("http-put-projections", "PUT is not allowed", raw("PUT", "/v1/projections", body=js(PER),
    headers=["Content-Type: application/json"]), "405", kind="http", headers=["Allow: POST"])
add("http-delete-healthz", "DELETE on a GET route", raw("DELETE", "/healthz"), "405", kind="http",
    headers=["Allow: GET"])
add("http-post-healthz", "POST on a GET route", raw("POST", "/healthz", body="{}",
    headers=["Content-Type: application/json"]), "405", kind="http", headers=["Allow: GET"])
add("http-patch-catalogue", "PATCH on the catalogue", raw("PATCH", "/v1/catalogue", body="{}",
    headers=["Content-Type: application/json"]), "405", kind="http")
add("http-unknown-method", "an invented method on a known path", raw("BREW", "/healthz"), "405",
    kind="http")
add("http-lowercase-method", "methods are case-sensitive", raw("get", "/healthz"), "405|400",
    kind="http", problem_optional=True)
add("http-unknown-path", "an unknown path is 404 problem+json", raw("GET", "/nope"), "404",
    kind="http")
add("http-unknown-version-path", "/v2 does not exist", raw("GET", "/v2/projections"), "404",
    kind="http")
add("http-trailing-slash", "a trailing slash is a different path",
    raw("GET", "/v1/projections/"), "404|405", kind="http")
add("http-double-slash", "paths are not normalised into routes", raw("GET", "//healthz"), "404",
    kind="http")
add("http-dot-dot", "dot segments do not reach routes", raw("GET", "/v1/../healthz"), "404|400",
    kind="http")
add("http-query-ignored", "a query string does not change the route",
    raw("GET", "/healthz?x=1&y&=&%zz"), "200", kind="http")
add("http-fragment", "a fragment in the request target (clients never send one)",
    raw("GET", "/healthz#x"), "200|400|404", kind="http")
add("http-percent-nul-in-id", "%00 in an id must not cut or confuse the lookup",
    raw("GET", "/v1/catalogue/gpus/h100-sxm%00x"), "404", kind="http",
    gateway=dict(why="nginx refuses a %00 in the path (400)", status="400"))
add("http-percent-ff-in-id", "%FF%FE (invalid UTF-8) in an id", raw("GET", "/v1/catalogue/gpus/%ff%fe"),
    "404", kind="http")
add("http-encoded-slash-in-id", "an encoded slash and dots in an id",
    raw("GET", "/v1/catalogue/gpus/..%2f..%2fetc%2fpasswd"), "404", kind="http")
add("http-4000-char-id", "an id far longer than the route's capture buffer",
    raw("GET", "/v1/catalogue/gpus/@@REPEAT 4000 x@@"), "404|414", kind="http", expand=True)
add("http-unknown-section", "an unknown catalogue section", raw("GET", "/v1/catalogue/nope"), "404",
    kind="http")
add("http-unknown-gpu", "an unknown catalogue entry is 404",
    raw("GET", "/v1/catalogue/gpus/does-not-exist"), "404", kind="http")
add("http-empty-id", "an empty id", raw("GET", "/v1/catalogue/gpus/"), "404|200", kind="http")
add("http-entry-extra-segment", "an entry path with an extra segment",
    raw("GET", "/v1/catalogue/models/llama-3.1-70b/extra"), "404", kind="http")
add("http-api-price-with-slash", "API ids contain '/' and still resolve",
    raw("GET", "/v1/catalogue/api-prices/openai/gpt-4o"), "200", kind="http")
add("http-catalogue-if-none-match-junk", "a junk If-None-Match is just a miss",
    raw("GET", "/v1/catalogue", headers=['If-None-Match: "junk", W/"x", *x']), "200", kind="http")
add("http-catalogue-if-none-match-huge", "a 6 KB If-None-Match",
    raw("GET", "/v1/catalogue", headers=["If-None-Match: " + ",".join(['"%040d"' % i for i in range(140)])]),
    "200|431", kind="http")
for tag, ctv in [("text-plain", "text/plain"), ("jsonx", "application/jsonx"),
                 ("form", "application/x-www-form-urlencoded"),
                 ("multipart", "multipart/form-data; boundary=x"),
                 ("latin1", "application/json; charset=latin1"),
                 ("problem-json", "application/problem+json"), ("empty", ""),
                 ("json-prefix", "application/json-seq")]:
    add(f"http-415-{tag}", "a body that is not application/json is 415", js(PER), "415",
        ct=ctv)
add("http-415-missing", "a body without a Content-Type is 415", js(PER), "415", ct="none")
for tag, acc, st in [("html", "text/html", "406"), ("png", "image/png", "406"),
                     ("json-q0", "application/json;q=0", "406"),
                     ("json", "application/json", "200"), ("any", "*/*", "200"),
                     ("application-any", "application/*;q=0.5", "200"),
                     ("messy", "text/html;q=0.9, */*;q=0.1, application/xml", "200"),
                     ("garbage", ";;;,,,=q", "200|406")]:
    add(f"http-accept-{tag}", "Accept decides: 406 when it rules out everything", js(PER), st,
        accept=acc)

# ---- HTTP: framing, lengths, versions ----
body = js(PER)
add("http-content-length-over-limit-no-body", "413 from Content-Length alone, before any body byte",
    raw("POST", "/v1/projections", headers=["Content-Type: application/json",
                                            "Content-Length: 2097152"]), "413", kind="http")
add("http-content-length-huge", "a Content-Length of 2^64 and more",
    raw("POST", "/v1/projections", headers=["Content-Type: application/json",
                                            "Content-Length: 99999999999999999999"]),
    "400|413", kind="http", problem_optional=True)
add("http-content-length-negative", "a negative Content-Length",
    raw("POST", "/v1/projections", headers=["Content-Type: application/json",
                                            "Content-Length: -1"], body=""),
    "400|413", kind="http", problem_optional=True)
add("http-content-length-garbage", "a non-numeric Content-Length",
    raw("POST", "/v1/projections", headers=["Content-Type: application/json",
                                            "Content-Length: abc"], body=""),
    "400|413", kind="http", problem_optional=True)
add("http-content-length-shorter", "a lying Content-Length (shorter): the cut body is bad JSON",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Content-Length: 10\r\nConnection: close\r\n\r\n{body}").encode(), "400", kind="http",
    pointers=["(root)"])
add("http-content-length-longer", "a lying Content-Length (longer) then the client stops",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Content-Length: {len(body) + 100}\r\nConnection: close\r\n\r\n{body}").encode(),
    "none|400", kind="http", half_close=True, problem_optional=True)
add("http-content-length-zero-with-bytes", "Content-Length 0 with bytes after: an empty body",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Content-Length: 0\r\n\r\n{body}").encode(), "400", kind="http")
add("http-two-content-lengths", "two different Content-Lengths (request smuggling shape): 400, closed",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Content-Length: {len(body)}\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{body}").encode(),
    "400", kind="http", mentions=["Content-Length"], closes=True, gateway=dict(why="nginx refuses it itself, with its own 400 problem", status="400"))
add("http-content-length-and-chunked", "Content-Length and chunked together (smuggling shape): "
    "400 and the connection closed (RFC 9112 6.3)",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
     f"{len(body):x}\r\n{body}\r\n0\r\n\r\n").encode(), "400", kind="http",
    mentions=["Transfer-Encoding"], closes=True, gateway=dict(why="nginx refuses it itself, with its own 400 problem", status="400"))
add("http-chunked-valid", "a chunked body is read whole",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
     f"5\r\n{body[:5]}\r\n{len(body) - 5:x};ext=1\r\n{body[5:]}\r\n0\r\n\r\n").encode(),
    "200", kind="http")
chunk = "x" * 1024
add("http-chunked-over-limit", "a chunked body over --max-body is 413 while reading, not truncated",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
     f"@@REPEAT 1100 400\r\n{chunk}\r\n@@0\r\n\r\n").encode(), "413", kind="http", expand=True)
add("http-chunked-bad-size", "a chunk size that is not hex",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{body}\r\n0\r\n\r\n").encode(),
    "400|none", kind="http", problem_optional=True)
add("http-chunked-size-overflow", "a chunk size beyond 64 bits",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
     f"fffffffffffffffffffff\r\n{body}\r\n0\r\n\r\n").encode(), "400|413|none", kind="http",
    problem_optional=True)
add("http-chunked-truncated", "a chunked body that stops without its last chunk",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{len(body):x}\r\n{body}\r\n").encode(),
    "none|400", kind="http", half_close=True, problem_optional=True)
add("http-1.0-get", "HTTP/1.0 clients are served", raw("GET", "/healthz", version="HTTP/1.0",
    host=False, close=False), "200", kind="http")
add("http-1.0-post", "HTTP/1.0 POST with a body", raw("POST", "/v1/projections", version="HTTP/1.0",
    host=False, close=False, body=body, headers=["Content-Type: application/json"]), "200",
    kind="http")
add("http-1.0-keep-alive", "HTTP/1.0 keep-alive then a second request",
    (raw("GET", "/healthz", version="HTTP/1.0", host=False, close=False,
         headers=["Connection: keep-alive"]) +
     raw("GET", "/readyz", version="HTTP/1.0", host=False, close=False)),
    "200", kind="http", nxt=["200|none"])
add("http-1.1-no-host", "HTTP/1.1 without Host is a 400 (RFC 9112 3.2)",
    raw("GET", "/healthz", host=False), "400", kind="http", problem_optional=True)
add("http-two-hosts", "two Host headers are a 400 (RFC 9112 3.2)",
    raw("GET", "/healthz", headers=["Host: evil.example"], close=False), "400", kind="http",
    mentions=["Host"], closes=True, gateway=dict(why="nginx refuses it itself, with its own 400 problem", status="400"))
add("http-2.0-request-line", "an HTTP/2 request line over HTTP/1 framing",
    raw("GET", "/healthz", version="HTTP/2.0"), "400|505", kind="http", problem_optional=True)
add("http-1.9", "an unknown HTTP/1 minor version", raw("GET", "/healthz", version="HTTP/1.9"),
    "200|400|505", kind="http", problem_optional=True)
add("http-0.9", "a request line without a version", b"GET /healthz\r\n\r\n", "400|none",
    kind="http", problem_optional=True, half_close=True)
add("http-garbage-line", "bytes that are not HTTP", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"
    b"HELLO\r\n\r\n", "400|none", kind="http", problem_optional=True, half_close=True)
add("http-header-no-colon", "a header line without a colon",
    b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nNoColonHere\r\nConnection: close\r\n\r\n",
    "400|200", kind="http", problem_optional=True)
add("http-header-nul", "a NUL byte in a header value",
    b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\x00b\r\nConnection: close\r\n\r\n",
    "400|200", kind="http", problem_optional=True)
add("http-header-space-in-name", "whitespace in a header name",
    b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\nConnection: close\r\n\r\n",
    "400|200", kind="http", problem_optional=True)
add("http-header-obs-fold", "an obsolete folded header line",
    b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n",
    "400|200", kind="http", problem_optional=True)
add("http-bare-lf", "bare LF line endings",
    b"GET /healthz HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\n", "200|400|none", kind="http",
    problem_optional=True, half_close=True)
add("http-header-100kb", "a 100 KB header is refused by the library (431)",
    raw("GET", "/healthz", headers=["X-Big: @@REPEAT 100000 b@@"]), "431", kind="http",
    expand=True)
add("http-2000-headers", "two thousand small headers",
    raw("GET", "/healthz", headers=["@@SEQ 2000 X-H%d: " + "v" * 40 + "\r\n@@X-Last: 1"]),
    "431", kind="http", expand=True)
add("http-url-100kb", "a 100 KB URL is refused by the library (414)",
    raw("GET", "/v1/catalogue/gpus/@@REPEAT 100000 u@@"), "414", kind="http", expand=True)
add("http-url-8kb-query", "an 8 KB query string", raw("GET", "/healthz?q=@@REPEAT 8000 q@@"),
    "200|414", kind="http", expand=True)
add("http-request-id-quotes", "a request id with quotes and backslashes must not break the JSON log",
    raw("GET", "/healthz", headers=['X-Request-Id: a"b\\c}{"level":"x']), "200", kind="http",
    headers=["X-Request-Id:"])
add("http-request-id-4kb", "a 4 KB request id", raw("GET", "/healthz",
    headers=["X-Request-Id: @@REPEAT 4096 r@@"]), "200|400|431", kind="http", expand=True)
add("http-request-id-binary", "a request id of high bytes", raw("GET", "/healthz",
    headers=["X-Request-Id: \u00ff\u00fe"]).replace("\u00ff\u00fe".encode(), b"\xff\xfe"),
    "200|400", kind="http", problem_optional=True)
add("http-expect-100", "Expect: 100-continue is honoured",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Expect: 100-continue\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
     f"{body}").encode(), "200", kind="http")
add("http-expect-100-over-limit", "Expect: 100-continue with a body over the limit: 413, no 100",
    raw("POST", "/v1/projections", headers=["Content-Type: application/json",
                                            "Expect: 100-continue",
                                            "Content-Length: 5000000"]), "413|417", kind="http")
add("http-expect-unknown", "an unknown expectation", raw("GET", "/healthz",
    headers=["Expect: teapot"]), "200|417", kind="http", problem_optional=True)
add("http-head-healthz", "HEAD is GET without the body", raw("HEAD", "/healthz"), "200",
    kind="http")
add("http-head-projections", "HEAD on a POST route is 405", raw("HEAD", "/v1/projections"), "405",
    kind="http", problem_optional=True)
add("http-options-projections", "OPTIONS lists what the path allows",
    raw("OPTIONS", "/v1/projections"), "200|204", kind="http", headers=["Allow: POST"])
add("http-options-star", "OPTIONS *", raw("OPTIONS", "*"), "200|204|400|404", kind="http")
add("http-absolute-form", "an absolute-form request target",
    raw("GET", "http://127.0.0.1/healthz"), "200|400|404", kind="http")
add("http-get-with-body", "a GET with a body is served (the body is ignored)",
    raw("GET", "/healthz", body="hello"), "200|400|413", kind="http")
add("http-content-encoding-gzip", "a Content-Encoding we do not decode",
    js(PER), "200|400|415", send=["Content-Encoding: gzip"])
add("http-transfer-encoding-gzip", "a Transfer-Encoding other than chunked is answered at once, "
    "not left waiting for the client to close",
    (f"POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
     f"Transfer-Encoding: gzip\r\n\r\n{body}").encode(),
    "400", kind="http", mentions=["chunked"], closes=True)

# ---- HTTP: pipelining ----
get_ka = raw("GET", "/healthz", close=False)
add("http-pipelined-3-gets", "three pipelined GETs get three answers in order",
    get_ka * 2 + raw("GET", "/healthz"), "200", kind="http", nxt=["200", "200"])
post_ok = raw("POST", "/v1/projections", body=body, headers=["Content-Type: application/json"],
              close=False)
post_bad = raw("POST", "/v1/projections", body=js(mut(PER, "/traffic/requests_per_day", -1)),
               headers=["Content-Type: application/json"], close=False)
post_syntax = raw("POST", "/v1/projections", body="{", headers=["Content-Type: application/json"],
                  close=False)
add("http-pipelined-mixed", "a 422 in the middle of a pipeline does not disturb its neighbours",
    post_ok + post_bad + raw("GET", "/healthz"), "200", kind="http", nxt=["422", "200"])
add("http-pipelined-after-400", "a connection survives a 400 for a bad body",
    post_syntax + post_ok + raw("GET", "/healthz"), "400", kind="http", nxt=["200", "200"])
add("http-pipelined-after-405", "a connection survives a 405",
    raw("DELETE", "/healthz", close=False) + raw("GET", "/healthz"), "405", kind="http",
    nxt=["200"])
add("http-pipelined-100", "a hundred pipelined GETs in one write",
    get_ka * 99 + raw("GET", "/readyz"), "200", kind="http", nxt=["200"] * 99)
add("http-pipelined-413-then-more", "after a 413 the connection may close; it must not serve junk",
    raw("POST", "/v1/projections", headers=["Content-Type: application/json",
                                            "Content-Length: 2097152"]) + get_ka,
    "413", kind="http")

# ---- the other routes stay well-behaved ----
for p, st in [("/healthz", "200"), ("/readyz", "200"), ("/metrics", "200"),
              ("/openapi.yaml", "200"), ("/v1/catalogue", "200"), ("/v1/catalogue/gpus", "200"),
              ("/v1/catalogue/models", "200"), ("/v1/catalogue/api-prices", "200"),
              ("/v1/catalogue/models/llama-3.1-70b", "200")]:
    add("route" + p.replace("/", "-").replace(".", "_"), f"GET {p} is a positive control",
        raw("GET", p), st, kind="http")

# ---- added by hand before issue 12, kept here so that the numbering holds ----
add("http-header-8kb-fits", "an 8 KB header (a large bearer token behind a gateway) fits the 16 KiB "
    "header budget and is answered",
    b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer @@REPEAT 8000 b@@\r\n"
    b"Connection: close\r\n\r\n", "200", kind="http", expand=True)
add("http-headers-20kb-refused", "20 KB of headers are over the 16 KiB budget: 431",
    b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: @@REPEAT 10000 a@@\r\nX-B: @@REPEAT 10000 b@@\r\n"
    b"Connection: close\r\n\r\n", "431", kind="http", expand=True)

# ---- issue 12: framing that two parsers could read two ways ----
# Each must be a 400 decided from the headers, and the connection closed:
# `closes` fails the case when anything after the headers is answered.
smuggled = "GET /v1/catalogue/gpus/h100-sxm HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
post_head = ("POST /v1/projections HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             "Content-Type: application/json\r\n")
add("smuggle-two-content-lengths-0-then-n", "Content-Length 0 then N: the body was served as a "
    "second request (issue 12, finding 1)",
    (post_head + f"Content-Length: 0\r\nContent-Length: {len(smuggled)}\r\n\r\n" + smuggled).encode(),
    "400", kind="http", mentions=["Content-Length"], closes=True, gateway=dict(why="nginx refuses it itself, with its own 400 problem", status="400"))
add("smuggle-two-equal-content-lengths", "two Content-Length lines with the same value are still "
    "two (RFC 9112 6.3 allows merging; refusing is simpler and safe)",
    (post_head + f"Content-Length: {len(body)}\r\nContent-Length: {len(body)}\r\n\r\n" + body).encode(),
    "400", kind="http", closes=True)
add("smuggle-te-and-cl-with-request", "Transfer-Encoding and Content-Length with a request hidden "
    "behind the chunked end: 400, the connection closed before it",
    (post_head + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + smuggled).encode(),
    "400", kind="http", closes=True)
add("smuggle-cl-then-te", "Content-Length before Transfer-Encoding (the other order)",
    (post_head + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled).encode(),
    "400", kind="http", closes=True)
for tag, te in [("trailing-space", "chunked "), ("gzip-chunked", "gzip, chunked"),
                ("identity", "identity"), ("chunked-param", "chunked;q=1"),
                ("chunked-chunked", "chunked, chunked"), ("empty", "")]:
    add(f"smuggle-te-{tag}", f"Transfer-Encoding '{te}' is not exactly chunked: 400 at once "
        "(libmicrohttpd waited for the client to close)",
        (post_head + f"Transfer-Encoding: {te}\r\n\r\n0\r\n\r\n").encode(), "400", kind="http",
        closes=True,
        gateway=dict(why="nginx strips the trailing space: a chunked empty body, which aicostd "
                     "refuses as malformed JSON (400) on a connection that stays open",
                     closes=False) if tag == "trailing-space" else None)
add("smuggle-te-two-lines", "two Transfer-Encoding lines",
    (post_head + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").encode(),
    "400", kind="http", closes=True)
add("smuggle-te-http-1.0", "Transfer-Encoding in an HTTP/1.0 request is faulty framing (RFC 9112 6.1)",
    ("POST /v1/projections HTTP/1.0\r\nContent-Type: application/json\r\n"
     f"Transfer-Encoding: chunked\r\n\r\n{len(body):x}\r\n{body}\r\n0\r\n\r\n").encode(),
    "400", kind="http", closes=True)
add("chunked-upper-case", "CHUNKED is chunked (transfer codings are case-insensitive), as both "
    "parsers agree", (post_head + f"Transfer-Encoding: CHUNKED\r\nConnection: close\r\n\r\n"
                      f"{len(body):x}\r\n{body}\r\n0\r\n\r\n").encode(), "200", kind="http")
add("smuggle-keep-alive-then-two-lengths", "a good request, its answer read, then a smuggling "
    "shape on the same connection: 200, 400, closed",
    (raw("GET", "/healthz", close=False).decode() + "@@THEN@@" + post_head +
     f"Content-Length: 0\r\nContent-Length: {len(smuggled)}\r\n\r\n" + smuggled).encode(),
    "200", kind="http", nxt=["400"], closes=True)
# libmicrohttpd refuses a malformed Content-Length itself, before the handler,
# and sends its 400 head twice: library-level (issue 12, item 9), fixed at
# the gateway, which refuses these with one clean 400.
for tag, cl in [("list", "5, 5"), ("plus", "+5"), ("hex", "0x5")]:
    add(f"library-content-length-{tag}", f"Content-Length '{cl}': libmicrohttpd answers 400 itself "
        "and sends its head twice (library; the gateway answers once)",
        (post_head + f"Content-Length: {cl}\r\n\r\n{body}").encode(), "400", kind="http",
        problem_optional=True,
        gateway=dict(why="nginx refuses a malformed Content-Length with one 400 problem and closes",
                     problem="required", closes=True))

# ---- issue 12: Host ----
add("host-comma-list", "Host: a, b is two hosts joined (RFC 9112 3.2: 400)",
    b"GET /healthz HTTP/1.1\r\nHost: a, b\r\n\r\n", "400", kind="http", mentions=["Host"],
    closes=True, gateway=dict(why="nginx refuses it itself, with its own 400 problem", status="400"))
add("host-with-space", "a Host with a space is not one host",
    b"GET /healthz HTTP/1.1\r\nHost: a b\r\n\r\n", "400", kind="http", closes=True)
add("host-ipv6-port", "an IPv6 literal with a port is one host",
    b"GET /healthz HTTP/1.1\r\nHost: [::1]:8080\r\nConnection: close\r\n\r\n", "200", kind="http")
add("host-empty", "an empty Host is allowed when the target has no authority (RFC 9112 3.2)",
    b"GET /healthz HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n", "200|400", kind="http")

# ---- issue 12: the request line (library-level) ----
add("library-nul-in-request-line", "a NUL in the request line: libmicrohttpd cuts the path there "
    "and serves /metrics (library, issue 12 item 9); the gateway refuses it",
    b"GET /metrics\x00.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", "200",
    kind="http", gateway=dict(why="nginx refuses a NUL in the request line", status="400"))
add("library-chunk-line-60kb", "a 60 KB chunk-size line: libmicrohttpd answers 500 itself "
    "(library, issue 12 item 9); the gateway reads it and forwards a plain body",
    (post_head + f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
     f"{len(body):x};ext=@@REPEAT 60000 e@@\r\n{body}\r\n0\r\n\r\n").encode(), "500",
    kind="http", expand=True, problem_optional=True,
    gateway=dict(why="nginx de-chunks the body and forwards it with a Content-Length",
                 status="200|400"))
add("chunk-line-19kb", "a 19 KB chunk-size line fits the connection's memory and is read",
    (post_head + f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
     f"{len(body):x};ext=@@REPEAT 19000 e@@\r\n{body}\r\n0\r\n\r\n").encode(), "200",
    kind="http", expand=True)

# ---- issue 12: encoded slashes stay encoded in routing ----
for tag, path in [("lower", "/v1%2fcatalogue"), ("upper", "/v1%2Fcatalogue/gpus"),
                  ("section", "/v1/catalogue%2Fgpus"), ("trailing", "/healthz%2F"),
                  ("scenario", "/v1/scenarios/support-bot%2Fprojection"),
                  ("double", "/v1%252Fcatalogue")]:
    add(f"route-encoded-slash-{tag}", f"{path}: an encoded slash is not a path separator (a "
        "gateway's path rules saw no such route): 404", raw("GET", path), "404", kind="http")
add("route-encoded-slash-in-api-id", "inside an id an encoded slash is part of it: the API price "
    "openai/gpt-4o is found", raw("GET", "/v1/catalogue/api-prices/openai%2Fgpt-4o"), "200",
    kind="http")
add("route-double-encoded-slash-in-id", "%252F is decoded once, to %2F, never to a slash",
    raw("GET", "/v1/catalogue/api-prices/openai%252Fgpt-4o"), "404", kind="http")

# ---- issue 12: the header budget (16,384 bytes of request line and headers) ----
def header_block(total, lines=0):
    """A GET whose request line and headers are exactly `total` bytes, with
    `lines` extra short header lines before a cookie that fills the rest."""
    head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    head += "".join(f"X-L{i:03d}: v\r\n" for i in range(lines))
    fixed = len(head) + len("Cookie: \r\n") + 2
    return (head + "Cookie: " + "c" * (total - fixed) + "\r\n\r\n").encode()
GW_ADDS = dict(why="the gateway adds about 80 bytes (X-Request-Id, X-Forwarded-For and -Proto), so "
               "16,384 bytes from a client arrive as about 16,460: 431", status="431")
add("header-budget-exactly-16384", "16,384 bytes of request line and headers are within the budget",
    header_block(16384), "200", kind="http", gateway=GW_ADDS)
add("header-budget-16385", "one byte over the budget: a 431 problem, from the server",
    header_block(16385), "431", kind="http", mentions=["16384"],
    gateway=dict(why="nginx's 16 KiB of header buffers refuse it first, as a 431 problem",
                 status="431"))
add("header-budget-100-lines", "16,384 bytes in 100 header lines still fit (each line takes a "
    "record from the connection's memory)", header_block(16384, 100), "200", kind="http",
    gateway=GW_ADDS)
add("library-headers-20350-no-answer", "about 20,310 to 20,430 bytes of headers: libmicrohttpd "
    "reads them but has no memory left to answer, and closes (library)", header_block(20350),
    "none", kind="http",
    gateway=dict(why="nginx refuses it first", status="431", closes=True))
add("library-headers-24kb", "24 KB of headers: beyond what reaches the handler, libmicrohttpd "
    "answers 431 itself (library)", header_block(24000), "431", kind="http", problem_optional=True,
    gateway=dict(why="nginx refuses it first", problem="required"))
browser = ["User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/120.0.0.0 Safari/537.36",
           "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
           "*/*;q=0.8", "Accept-Language: en-GB,en;q=0.9", "Accept-Encoding: gzip, deflate, br",
           'sec-ch-ua: "Chromium";v="120", "Not?A_Brand";v="24"', "sec-ch-ua-mobile: ?0",
           'sec-ch-ua-platform: "Linux"', "Sec-Fetch-Site: none", "Sec-Fetch-Mode: navigate",
           "Sec-Fetch-User: ?1", "Sec-Fetch-Dest: document", "Upgrade-Insecure-Requests: 1",
           "Cache-Control: max-age=0", "Referer: https://sso.example.com/login?next=%2F"]
add("header-budget-browser-12kb-cookie", "a browser's ordinary headers and a 12 KB SSO cookie "
    "(three 4 KB chunks): answered (a 7.5 KB one failed before)",
    raw("GET", "/", headers=browser + ["Cookie: " + "; ".join(f"SSO_{k}=" + "t" * 4080
                                                             for k in range(3))]),
    "200", kind="http")

# ---- issue 12: keep-alive, a second request after the first answer ----
add("keep-alive-two-posts", "two projections on one connection, the second sent after the first "
    "answer was read", (post_ok.decode() + "@@THEN@@" + post_ok.decode()).encode(), "200",
    kind="http", nxt=["200"])
add("keep-alive-after-422", "a 422 keeps the connection: the next request is served",
    (post_bad.decode() + "@@THEN@@" + raw("GET", "/healthz").decode()).encode(), "422",
    kind="http", nxt=["200"])
add("keep-alive-after-404", "a 404 keeps the connection",
    (raw("GET", "/nowhere", close=False).decode() + "@@THEN@@"
     + raw("GET", "/v1/scenarios").decode()).encode(), "404", kind="http", nxt=["200"])
add("keep-alive-after-bad-framing", "after a bad-framing 400 nothing more is read: the second "
    "request gets no answer",
    (post_head + "Transfer-Encoding: identity\r\n\r\n" + "@@THEN@@"
     + raw("GET", "/healthz").decode()).encode(), "400", kind="http", nxt=["none"])

# ---- issue 12: the named-scenario and page routes ----
SCN = "/v1/scenarios/support-bot/projection"
add("scenario-format-wins-over-accept", "?format=csv wins over Accept: text/html (a wiki image "
    "tag or a browser cannot set Accept)",
    raw("GET", SCN + "?format=csv", headers=["Accept: text/html"]), "200", kind="http",
    headers=["Content-Type: text/csv"])
add("scenario-format-svg-over-json", "?format=svg wins over Accept: application/json",
    raw("GET", SCN + "?format=svg", headers=["Accept: application/json"]), "200", kind="http",
    headers=["Content-Type: image/svg+xml"])
add("scenario-bad-format-with-html-accept", "an unknown format is a 422 naming it, whatever Accept",
    raw("GET", SCN + "?format=xml", headers=["Accept: text/html"]), "422", kind="http",
    mentions=["format"])
add("scenario-no-format-html-accept", "without format, Accept decides: text/html is a 406",
    raw("GET", SCN, headers=["Accept: text/html"]), "406", kind="http")
add("scenario-inm-star-invalid-override", "If-None-Match: * on an invalid override is the 422, "
    "never a 304 (the request has no representation)",
    raw("GET", SCN + "?requests_per_day=-1", headers=["If-None-Match: *"]), "422", kind="http",
    pointers=["/traffic/requests_per_day"])
add("scenario-inm-star-valid", "If-None-Match: * on a valid request is a 304",
    raw("GET", SCN, headers=["If-None-Match: *"]), "304", kind="http")
add("scenario-override-underflow", "1e-400 in a query override is read as a body reads it: zero",
    raw("GET", SCN + "?requests_per_day=1e-400"), "200", kind="http")
add("scenario-override-overflow", "1e400 in a query override is refused, as in a body",
    raw("GET", SCN + "?requests_per_day=1e400"), "422", kind="http",
    pointers=["/traffic/requests_per_day"])
add("scenario-daily-ten-years", "3,650 daily points of one scenario are within the answer limit",
    raw("GET", SCN + "?horizon_days=3650&granularity=day&format=csv"), "200", kind="http")
add("scenario-unknown", "an unknown named scenario is a 404", raw("GET", "/v1/scenarios/nope/projection"),
    "404", kind="http")
add("scenario-id-4000", "a 4,000-character scenario id",
    raw("GET", "/v1/scenarios/@@REPEAT 4000 s@@/projection"), "404", kind="http", expand=True)
add("scenario-17-params", "more query parameters than the route reads",
    raw("GET", SCN + "?" + "&".join(f"p{i}=1" for i in range(17))), "422", kind="http")
add("page-accept-json", "the page is HTML only: Accept: application/json is a 406",
    raw("GET", "/", headers=["Accept: application/json"]), "406", kind="http")
add("page-inm-star", "If-None-Match: * on the page is a 304", raw("GET", "/", headers=["If-None-Match: *"]),
    "304", kind="http")
add("page-head", "HEAD / is the page's head", raw("HEAD", "/"), "200", kind="http")
add("page-post", "POST / is a 405 with Allow", raw("POST", "/", body="x"), "405", kind="http",
    headers=["Allow: GET"])
add("scenarios-list-query", "a query string on the list is ignored", raw("GET", "/v1/scenarios?x=1"),
    "200", kind="http")

# ---- issue 12: what one answer may cost ----
daily = mut(PER, "/granularity", "day")
add("answer-limit-exactly", "16 options x 1,024 daily points = 16,384: exactly the limit, answered",
    js({"horizon_days": 1024, "scenarios": [mut(daily, "/name", f"o{i}") for i in range(16)]}),
    "200", path=CMP)
add("answer-limit-over", "16 options x 1,025 daily points: a 422 that says how to ask for less",
    js({"horizon_days": 1025, "scenarios": [mut(daily, "/name", f"o{i}") for i in range(16)]}),
    "422", path=CMP, pointers=["/horizon_days", "/scenarios", "/scenarios/0/granularity"],
    mentions=["granularity", "horizon_days", "fewer"])
add("answer-limit-16x3650", "the issue's case: 16 options x 3,650 daily points (13.9 MB of JSON "
    "before) is a 422", js({"horizon_days": 3650, "scenarios": [daily] * 16}), "422", path=CMP,
    pointers=["/horizon_days"])
add("answer-limit-csv", "the limit is the same for CSV", js({"horizon_days": 3650, "scenarios": [daily] * 5}),
    "422", path=CMP, accept="text/csv", pointers=["/scenarios"])
add("answer-limit-svg", "and for SVG", js({"horizon_days": 3650, "scenarios": [daily] * 5}),
    "422", path=CMP, accept="image/svg+xml", pointers=["/scenarios"])
add("answer-limit-monthly-fits", "the same 16 options by month fit easily",
    js({"horizon_days": 3650, "scenarios": [mut(daily, "/granularity", "month")] * 16}), "200",
    path=CMP)
add("csv-formula-name", "a scenario name that a spreadsheet would run is written as text",
    js({"scenarios": [mut(PER, "/name", "=HYPERLINK(\"http://x\")"), mut(PER, "/name", "-2+3")]}),
    "200", path=CMP, accept="text/csv", mentions=["\"'=HYPERLINK", "\"'-2+3\""])

# ---- issue 12: fractions that divide a bill have a floor ----
add("fraction-floor-target-utilization", "target_utilization 1e-300 was in range and gave 1.3e300 "
    "GPUs: now below the 0.01 floor", js(mut(SH, "/inference/self_hosted/target_utilization", 1e-300)),
    "422", pointers=["/inference/self_hosted/target_utilization"], mentions=["0.01"])
add("fraction-floor-just-below", "0.009 is below the floor", js(mut(SH, "/inference/self_hosted/"
    "target_utilization", 0.009)), "422", pointers=["/inference/self_hosted/target_utilization"])
add("fraction-floor-at", "0.01 is the floor itself: allowed",
    js(mut(SH, "/inference/self_hosted/target_utilization", 0.01)), "200")

# ---- issue 12: the access log stays JSON ----
add("log-long-binary-path", "a 3 KB path of bytes over 0x7f: the log line (each byte as \\u00XX) "
    "must stay one JSON object, not be cut", raw("GET", "/v1/catalogue/gpus/@@REPEAT 3000 %C3@@"),
    "404|414", kind="http", expand=True)

# ---- added with the gateway suite (tests/gateway) ----
add("header-budget-16300", "16,300 bytes: within the budget directly and behind the gateway",
    header_block(16300), "200", kind="http")
add("route-encoded-slash-in-gpu-id", "an encoded slash in a one-segment id is not a match either: "
    "the path's 404, as before the fix", raw("GET", "/v1/catalogue/gpus/h100%2Fsxm"), "404",
    kind="http", mentions=["no resource at this path"])

def write_all(clean):
    os.makedirs(OUT, exist_ok=True)
    if clean:
        for f in os.listdir(OUT):
            os.unlink(os.path.join(OUT, f))
    names = set()
    for i, c in enumerate(cases, 1):
        stem = f"{i:03d}-{c['name']}"
        assert c["name"] not in names, c["name"]
        names.add(c["name"])
        lines = [f"why: {c['why']}", f"status: {c['status']}"]
        for n in c["nxt"]:
            lines.append(f"next: {n}")
        for p in c["pointers"]:
            lines.append(f"pointer: {p}")
        for m in c["mentions"]:
            lines.append(f"mentions: {m}")
        for h in c["headers"]:
            lines.append(f"header: {h}")
        if c["problem_optional"]:
            lines.append("problem: optional")
        if c["method"]:
            lines.append(f"method: {c['method']}")
        if c["path"]:
            lines.append(f"path: {c['path']}")
        if c["ct"] is not None:
            lines.append(f"content-type: {c['ct']}")
        if c["accept"]:
            lines.append(f"accept: {c['accept']}")
        for s in c["send"]:
            lines.append(f"send-header: {s}")
        if c["expand"]:
            lines.append("expand: yes")
        if c["half_close"]:
            lines.append("half-close: yes")
        if c["closes"]:
            lines.append("closes: yes")
        g = c["gateway"]
        if g:
            lines.append(f"gateway-why: {g['why']}")
            if "status" in g:
                lines.append(f"gateway-status: {g['status']}")
            for n in g.get("next", ()):
                lines.append(f"gateway-next: {n}")
            if "closes" in g:
                lines.append(f"gateway-closes: {'yes' if g['closes'] else 'no'}")
            if "problem" in g:
                lines.append(f"gateway-problem: {g['problem']}")
        with open(os.path.join(OUT, stem + ".expect"), "w") as f:
            f.write("\n".join(lines) + "\n")
        b = c["body"]
        if isinstance(b, str):
            b = b.encode()
        ext = ".http" if c["kind"] == "http" else ".json"
        with open(os.path.join(OUT, stem + ext), "wb") as f:
            f.write(b)
    print(f"{len(cases)} cases written to {OUT}")


if __name__ == "__main__":
    write_all("--clean" in sys.argv)
