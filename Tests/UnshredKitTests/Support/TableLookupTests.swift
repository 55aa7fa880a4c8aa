import Testing
@testable import UnshredKit

struct TableLookupTests {
    @Test func mapsEveryKeyRowByRow() {
        let table = ["a": 0, "b": 1, "c": 2]
        #expect(lookUp([["c", "a"], ["b"], []], in: table) == [[2, 0], [1], []])
    }

    @Test func oneMissingKeyGivesNil() {
        let table = [7: 0, 9: 1]
        #expect(lookUp([[7, 9], [9, 8]], in: table) == nil)
    }
}
