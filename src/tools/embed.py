#!/usr/bin/env python3
"""Turns a file into C source so that a binary carries it: the default
catalogue, openapi.yaml, the budget page (as page.py assembled it). Usage: embed.py INPUT OUTPUT SYMBOL.
Writes `const char SYMBOL[]` (NUL-terminated, so it is also a C string) and
`const size_t SYMBOL_len` (without the NUL)."""
import sys


def main():
    src, out, sym = sys.argv[1], sys.argv[2], sys.argv[3]
    data = open(src, 'rb').read()
    lines = []
    for i in range(0, len(data), 16):
        # Bytes above 127 are written as negative values: `char` is signed on
        # x86, and an out-of-range initialiser is an error under -Werror.
        lines.append(''.join('%d,' % (b - 256 if b > 127 else b) for b in data[i:i + 16]))
    with open(out, 'w') as f:
        f.write('/* generated from %s by embed.py; do not edit */\n' % src.split('/')[-1])
        f.write('#include <stddef.h>\n')
        f.write('extern const char %s[];\nextern const size_t %s_len;\n' % (sym, sym))
        f.write('const char %s[] = {\n%s\n0};\n' % (sym, '\n'.join(lines)))
        f.write('const size_t %s_len = %d;\n' % (sym, len(data)))


if __name__ == '__main__':
    main()
