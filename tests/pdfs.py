"""Reading the PDFs we print (labels, certificates) as a printer would."""

from __future__ import annotations

import ctypes
import re

import pypdfium2.raw as pdfium_c


def font_report(document, data: bytes) -> list[tuple[str, bool]]:
    """(name, embedded) of every font the text on the pages uses, as pdfium sees it, plus
    every font the file declares (what pdffonts lists), embedded if it has a font file."""
    used = []
    for page in document:
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=5):
            font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
            size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
            used.append((buffer.value.decode(), bool(pdfium_c.FPDFFont_GetIsEmbedded(font))))
    declared = re.findall(rb"/BaseFont\s*/([^\s/<>\[\]]+)", data)
    files = len(re.findall(rb"/FontFile[23]?\b", data))
    descriptors = len(re.findall(rb"/Type\s*/FontDescriptor", data))
    # A font dictionary with no descriptor (a standard font such as Helvetica) has no file.
    declared_ok = len(declared) == descriptors == files
    return used + [(name.decode(), declared_ok) for name in declared]
