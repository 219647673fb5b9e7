"""Dumps an .xlsx workbook as JSON with openpyxl (a real reader), for the report tests:
sheet order and names, freeze panes, autofilter, hidden columns, conditional-format
ranges, chart types, and every cell's value and number format."""
import json, sys, datetime
import openpyxl

def cell(c):
    v = c.value
    if isinstance(v, (datetime.datetime, datetime.date)):
        v = v.isoformat(sep=" ") if isinstance(v, datetime.datetime) else v.isoformat()
    return {"v": v, "f": c.number_format, "t": c.data_type}

wb = openpyxl.load_workbook(sys.argv[1])
out = {"created": wb.properties.created.isoformat(sep=" ") if wb.properties.created else None, "sheets": []}
for ws in wb.worksheets:
    out["sheets"].append({
        "name": ws.title,
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "hidden": sorted(k for k, d in ws.column_dimensions.items() if d.hidden),
        "conditional": sorted(str(r.sqref) for r in ws.conditional_formatting),
        "rules": [f for r in ws.conditional_formatting for rule in r.rules for f in (rule.formula or [])],
        "charts": [type(c).__name__ for c in ws._charts],
        "rows": [[cell(c) for c in row] for row in ws.iter_rows()],
    })
json.dump(out, sys.stdout, ensure_ascii=False)
