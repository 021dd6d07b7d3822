import Mustache

/// A Mustache context that remembers every key a template asked for and could not find
/// anywhere on the context stack. swift-mustache renders a missing key as "" without
/// complaint; `Renderer` fails instead, naming the key, so no value is ever silently empty.
/// Optional values must be present as `false` to be absent on purpose.
final class StrictContext: MustacheParent {
    let values: [String: Any]
    let log: LookupLog

    init(_ values: [String: Any], log: LookupLog) {
        self.values = values
        self.log = log
    }

    func child(named name: String) -> Any? {
        guard let v = values[name] else {
            log.record(name, found: false)
            return nil
        }
        log.record(name, found: true)
        return StrictContext.wrap(v, log: log)
    }

    static func wrap(_ v: Any, log: LookupLog) -> Any {
        if let d = v as? [String: Any] { return StrictContext(d, log: log) }
        if let a = v as? [[String: Any]] { return a.map { StrictContext($0, log: log) } }
        return v
    }
}

/// The order of key lookups during one render. swift-mustache looks a name up from the
/// innermost context outwards and stops at the first hit, so a lookup is missing when a run
/// of misses for one name is not ended by a hit for the same name.
final class LookupLog {
    private var events: [(String, Bool)] = []

    func record(_ name: String, found: Bool) { events.append((name, found)) }

    /// Names that some lookup found nowhere, sorted.
    var missing: [String] {
        var out = Set<String>()
        var i = 0
        while i < events.count {
            let name = events[i].0
            var j = i
            var found = false
            while j < events.count && events[j].0 == name {
                if events[j].1 { found = true; j += 1; break }
                j += 1
            }
            if !found { out.insert(name) }
            i = j
        }
        return out.sorted()
    }
}
