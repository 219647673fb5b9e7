/// The CSS and script every portal page carries inline (no external file, no network: the
/// pages work from any static server on an intranet without internet, and from a county
/// folder served alone). A `@media print` style prints the page without its filters.
enum PortalStyle {
    static let css = """
    body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0 auto;max-width:1200px;padding:0 16px 32px;color:#1f2933;background:#fff}
    header{border-bottom:3px solid #1f6f8b;margin-bottom:12px}
    h1{font-size:22px;margin:12px 0 4px}h2{font-size:17px;margin:20px 0 8px;color:#1f6f8b}
    nav a,.meta{font-size:13px;color:#52606d}
    a{color:#1f6f8b}
    .kpis{display:flex;flex-wrap:wrap;gap:10px}
    .kpi{border:1px solid #cbd2d9;border-radius:6px;padding:8px 12px;min-width:150px}
    .kpi .label{font-size:13px;color:#52606d}.kpi .value{font-size:20px;font-weight:bold}
    .kpi .change,.kpi .city{font-size:12px;color:#52606d}
    .charts{display:flex;flex-wrap:wrap;gap:12px}
    figure{margin:0;border:1px solid #e4e7eb;padding:6px;max-width:580px}
    figure img{max-width:100%;height:auto;display:block}
    figcaption{font-size:13px;text-align:center}
    table{border-collapse:collapse;width:100%;font-size:13px}
    th,td{border:1px solid #cbd2d9;padding:3px 6px;text-align:left}
    th{background:#eef2f5}td.num{text-align:right}
    .filters{margin:6px 0;font-size:14px}.filters select{margin-right:12px}
    ul.files{columns:2;font-size:14px}
    .empty{color:#52606d}
    @media print{
    body{max-width:none;padding:0;font-size:11pt}
    nav,.filters,.no-print{display:none}
    a{color:inherit;text-decoration:none}
    figure{break-inside:avoid;max-width:48%}
    tr{break-inside:avoid}thead{display:table-header-group}
    h2{break-after:avoid}
    }
    """

    /// Shows only the alarm rows matching both filters and says how many are shown.
    static let filterScript = """
    (function(){
    var d=document.getElementById('f-district'),r=document.getElementById('f-rule'),n=document.getElementById('f-count');
    if(!d||!r)return;
    var rows=document.querySelectorAll('#alarm-table tbody tr');
    function apply(){var shown=0;for(var i=0;i<rows.length;i++){var row=rows[i];
    var ok=(!d.value||row.getAttribute('data-district')===d.value)&&(!r.value||row.getAttribute('data-rule')===r.value);
    row.style.display=ok?'':'none';if(ok)shown++;}
    n.textContent='显示 '+shown+' / '+rows.length+' 条';}
    d.addEventListener('change',apply);r.addEventListener('change',apply);apply();
    })();
    """
}
