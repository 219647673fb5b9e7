@testable import Baselines
import Foundation
import Testing

/// `ParallelMap` (issue 20): facilities, treatment days and percentiles are computed on the
/// cores, and what comes out must be what a plain map gives, in the same order, however the
/// work was shared — the computation's bytes depend on it.
@Suite struct ParallelMapTests {
    @Test(arguments: [0, 1, 2, 3, 7, 64, 65, 1_000, 4_099])
    func givesWhatAPlainMapGivesInIndexOrder(count: Int) {
        // A body whose value depends on its index in a way no reordering keeps.
        func body(_ i: Int) -> [Int] { [i, i &* 2_654_435_761 % 1_000_003, i % 7] }
        let shared = ParallelMap.map(count, minimumPerThread: 1, body)
        #expect(shared == (0..<count).map(body))
    }

    @Test func sharesTheWorkOutWhenThereIsEnoughOfIt() {
        // Which threads ran the items: on a machine with several cores, more than one thread
        // takes part once there are enough items per thread.
        let threads = NSLock()
        var seen = Set<String>()
        let out = ParallelMap.map(4_000, minimumPerThread: 1) { i -> Int in
            let name = "\(pthread_self())"
            threads.lock()
            seen.insert(name)
            threads.unlock()
            usleep(50)
            return i
        }
        #expect(out == Array(0..<4_000))
        if ParallelMap.threads > 1 { #expect(seen.count > 1) } else { #expect(seen.count == 1) }
    }

    @Test func fewItemsStayOnTheCallingThread() {
        let caller = "\(pthread_self())"
        var others = 0
        let out = ParallelMap.map(10, minimumPerThread: 32) { i -> Int in
            if "\(pthread_self())" != caller { others += 1 }
            return i * i
        }
        #expect(out == (0..<10).map { $0 * $0 })
        #expect(others == 0)
    }
}
