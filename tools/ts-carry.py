#!/usr/bin/env python3
"""Carries translations across a refactoring that moved strings to other classes.

After `cmake --build --preset dev --target update_translations`, strings that moved to another
class (another lupdate context) are unfinished in their new context and vanished in the old one.
This fills each unfinished message from a finished or vanished one with the same source text
(and plural forms), then drops the vanished messages and empty contexts.

    tools/ts-carry.py translations/udpchat_zh_CN.ts
"""
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
tree = ET.parse(path)
root = tree.getroot()
known = {}
for context in root.iter('context'):
    for message in context.iter('message'):
        t = message.find('translation')
        if t is None or t.get('type') == 'unfinished':
            continue
        if (t.text or len(t)):
            known.setdefault((message.findtext('source'), message.get('numerus')), t)
filled = missing = 0
for context in list(root.iter('context')):
    for message in list(context.iter('message')):
        t = message.find('translation')
        if t is not None and t.get('type') in ('vanished', 'obsolete'):
            context.remove(message)
            continue
        if t is None or t.get('type') != 'unfinished':
            continue
        source = known.get((message.findtext('source'), message.get('numerus')))
        if source is None:
            missing += 1
            print('untranslated:', context.findtext('name'), repr(message.findtext('source')))
            continue
        message.remove(t)
        copy = ET.fromstring(ET.tostring(source))
        copy.attrib.pop('type', None)
        copy.tail = t.tail
        message.append(copy)
        filled += 1
for context in list(root):
    if context.tag == 'context' and not list(context.iter('message')):
        root.remove(context)
tree.write(path, encoding='utf-8', xml_declaration=True)
print(f'{filled} carried over, {missing} still untranslated')
