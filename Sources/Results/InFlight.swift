/// The many-bytes-in-flight protocol (`--in-flight K`, the study's open question C12), shared
/// by the Swift brigades, the C floors and the analysis.
///
/// K tokens start each round spread evenly along the chain: token j (0 <= j < K) is written by
/// the driver into link `start(j)` = j * N / K with value (round + j) & 0xFF, token K-1 first
/// and token 0 last (so a token written later is behind every earlier one), so K members can
/// be ready at once and one epoll_wait (or io_uring_enter) can serve several of them. Every
/// member forwards whatever it read, + 1 per byte, in one write. Links are FIFO and members
/// keep the order, so tokens never overtake: they reach link N in the order K-1, K-2, ..., 0,
/// and token j arrives as (round + j + N - start(j)) & 0xFF. With K = 1 this is the study's
/// brigade (one byte from link 0 to link N).
public enum InFlight {
    /// Link token j is injected into.
    public static func start(_ j: Int, members n: Int, inFlight k: Int) -> Int { j * n / k }

    /// Hops made in one round: the sum over tokens of the links each crosses to reach link N.
    /// Per hop = round time / this (N when K = 1).
    public static func hopsPerRound(members n: Int, inFlight k: Int) -> Int {
        (0..<k).reduce(0) { $0 + n - start($1, members: n, inFlight: k) }
    }

    /// Tokens member i forwards per round (those injected at or before link i).
    public static func tokensThrough(member i: Int, members n: Int, inFlight k: Int) -> Int {
        var count = 0
        for j in 0..<k where start(j, members: n, inFlight: k) <= i { count += 1 }
        return count
    }

    /// The value the driver must read as the m-th byte from link N in `round`.
    public static func expected(_ m: Int, round: Int, members n: Int, inFlight k: Int) -> UInt8 {
        let j = k - 1 - m
        return UInt8(truncatingIfNeeded: round + j + n - start(j, members: n, inFlight: k))
    }
}
