#!/usr/bin/env python3
"""Assembles the budget page from its parts into the one self-contained HTML
document that aicostd serves (embed.py then compiles it in).

Usage: page.py OUTPUT INDEX.html PART.css... PART.js...

INDEX.html is the markup, with two marker lines: `<!-- page:styles -->`
becomes one <style> holding every .css part, `<!-- page:scripts -->` one
<script> per .js part, each in the order given (src/http/page/meson.build
lists them). Nothing is minified or rewritten: the served bytes are the
parts' bytes, so what you read in the source is what the browser runs."""
import os
import re
import sys

STYLES = '<!-- page:styles -->'
SCRIPTS = '<!-- page:scripts -->'
# What would end a part's <style> or <script> early, or (`<!--` in a script)
# switch the HTML parser into its legacy escaped mode.
BREAKS = {'.css': re.compile(r'</style', re.I), '.js': re.compile(r'</script|<!--', re.I)}


def fail(why):
    sys.exit('page.py: ' + why)


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def part(path, root):
    """A part's text, ending in a newline, after a comment naming its file."""
    name = os.path.relpath(path, root)
    ext = os.path.splitext(path)[1]
    text = read(path)
    hit = BREAKS[ext].search(text)
    if hit:
        fail('%s holds "%s", which would break the page' % (name, hit.group(0)))
    return '/* %s */\n%s%s' % (name, text, '' if text.endswith('\n') else '\n')


def main():
    if len(sys.argv) < 3:
        fail('usage: page.py OUTPUT INDEX.html PART.css... PART.js...')
    out, index, parts = sys.argv[1], sys.argv[2], sys.argv[3:]
    root = os.path.dirname(index)
    for p in parts:
        if os.path.splitext(p)[1] not in BREAKS:
            fail('%s: a part is a .css or .js file' % p)
    lines = read(index).split('\n')
    for marker in (STYLES, SCRIPTS):
        if [ln.strip() for ln in lines].count(marker) != 1:
            fail('%s needs the line %s exactly once' % (index, marker))
    css = ''.join(part(p, root) for p in parts if p.endswith('.css'))
    scripts = ''.join('<script>\n%s</script>\n' % part(p, root) for p in parts if p.endswith('.js'))
    page = []
    for ln in lines:
        if ln.strip() == STYLES:
            page.append('<style>\n%s</style>' % css)
        elif ln.strip() == SCRIPTS:
            page.append(scripts.rstrip('\n'))
        else:
            page.append(ln)
    with open(out, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(page))


if __name__ == '__main__':
    main()
