/// What the portal's root page lists: the step folders found in an out folder (or in a
/// county edition's folder `districts/<code>/`), scanned by the job after publishing, so
/// folders of earlier runs are listed too. Paths relative to the listed root, `/`-separated,
/// sorted; hidden names left out.
public struct PortalListing: Sendable, Equatable {
    /// One step folder (`daily/2026-07-05`, `weekly/2026-06-29`, `monthly/2026-06`,
    /// `responses/R1`) and its files (relative to it; enterprise files as `dossiers/…`).
    public struct Folder: Sendable, Equatable {
        public var path: String
        public var files: [String]
        public init(path: String, files: [String]) {
            self.path = path
            self.files = files
        }
    }
    public var folders: [Folder]
    /// District codes with a folder under `districts/` (the city's root only).
    public var districts: [String]
    /// Files under `alarms/` (relative to the root), when that folder exists.
    public var alarms: [String]

    public init(folders: [Folder], districts: [String], alarms: [String]) {
        self.folders = folders
        self.districts = districts
        self.alarms = alarms
    }
}

/// The `index.html` at the outbox's root, and at each county edition's root
/// (`districts/<code>/index.html`, covering that district only, so the folder can be served
/// to its bureau alone): links to every step folder's page (`PortalPage`), newest first per
/// kind, or to the folder's files when it has no page (a response, or a folder written before
/// pages existed); the county editions and the `alarms/` files. Same listing, same bytes.
public enum PortalIndex {
    /// `districtName`: the name of a district code (the code itself when unknown);
    /// `edition`: the district code of a county edition's root, nil for the city's.
    public static func render(_ listing: PortalListing, edition: String?, districtName: (String) -> String) -> String {
        let title = (edition.map { "\(districtName($0))（县区版）" } ?? "全市") + " 工况监控报告目录"
        var h = PortalPage.head(title)
        h += "<header><h1>\(HTMLText.escape(title))</h1>\n"
        h += "<p class=\"meta\">日报、周报、月报与应急减排评估，按时段排列（北京时间）。本目录的所有链接均为相对链接，无需联网。</p></header>\n"
        let kinds: [(top: String, label: String)] = [("daily", "日报"), ("weekly", "周报"), ("monthly", "月报"), ("responses", "应急减排评估")]
        for (top, label) in kinds {
            let folders = listing.folders.filter { $0.path.hasPrefix(top + "/") }.sorted { $0.path > $1.path }
            h += "<section id=\"\(top)\"><h2>\(label)（\(folders.count)）</h2>\n"
            if folders.isEmpty { h += "<p class=\"empty\">暂无。</p></section>\n"; continue }
            h += "<ul>\n"
            for f in folders {
                let name = String(f.path.dropFirst(top.count + 1))
                if f.files.contains(PortalPage.fileName) {
                    h += "<li><a href=\"\(HTMLText.href(f.path + "/" + PortalPage.fileName))\">\(HTMLText.escape(name))</a>"
                    let documents = f.files.filter { !$0.contains("/") && isDocument($0) }
                    if !documents.isEmpty {
                        h += "：" + documents.map { "<a href=\"\(HTMLText.href(f.path + "/" + $0))\">\(HTMLText.escape($0))</a>" }.joined(separator: "、")
                    }
                    h += "</li>\n"
                } else {
                    let files = f.files
                    h += "<li>\(HTMLText.escape(name))：" + (files.isEmpty ? "（空）" : files.map {
                        "<a href=\"\(HTMLText.href(f.path + "/" + $0))\">\(HTMLText.escape($0))</a>"
                    }.joined(separator: "、")) + "</li>\n"
                }
            }
            h += "</ul></section>\n"
        }
        if !listing.alarms.isEmpty {
            h += "<section id=\"alarms\"><h2>报警数据</h2><ul class=\"files\">\n"
            for a in listing.alarms { h += PortalPage.link(a) + "\n" }
            h += "</ul></section>\n"
        }
        if edition == nil, !listing.districts.isEmpty {
            h += "<section id=\"districts\"><h2>县区版（\(listing.districts.count)）</h2><ul class=\"files\">\n"
            for code in listing.districts {
                h += "<li><a href=\"\(HTMLText.href("districts/\(code)/\(PortalPage.fileName)"))\">\(HTMLText.escape(districtName(code)))（\(HTMLText.escape(code))）</a></li>\n"
            }
            h += "</ul></section>\n"
        }
        h += "</body>\n</html>\n"
        return h
    }

    /// The files a root page names beside a period's link: its workbooks and its brief.
    static func isDocument(_ name: String) -> Bool {
        name.hasSuffix(".xlsx") || ((name == "brief.pdf" || name.hasPrefix("brief_")) && name.hasSuffix(".pdf"))
    }
}
