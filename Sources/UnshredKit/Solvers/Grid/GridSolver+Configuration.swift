extension GridSolver {
    /// Every setting of the grid solver (and of the double-sided steps built on it) in
    /// one value, handed down with the `Inputs`; nothing reads a global. Each says what
    /// it controls and why its default is what it is. Size limits keep the work of big
    /// pages (issue 7: 2,090 pieces in seconds) within bounds; the rest were measured on
    /// CUMCM 3-4 and rendered pages (figures in docs/benchmarks.md).
    struct Configuration: Sendable, Equatable {
        /// The weights of the page objective's terms (`PageObjective.Weights`).
        var weights = PageObjective.Weights()

        // MARK: Row grouping

        /// Line-profile weights of the row tours tried beside the clustering (in typical
        /// joins). On CUMCM 3-4 and rendered 11x19/15x20 pages, [2] did as well as [2, 8],
        /// [3] or [5] everywhere and better than 3 and 5 on a newspaper-like page.
        var tourLineWeights: [Float] = [2]
        /// Row tours read a dense (n + R)^2 matrix and triple the arranging work; past
        /// this many pieces only the clustering runs (speed targets, issue 7).
        var tourLimit = 1100

        // MARK: Trades within and between rows

        /// Ranked run exchanges between two rows kept per round (`exchangeSegments`):
        /// enough that the first cheaper one is nearly always among them.
        var segmentRunsShown = 32
        /// Ranked single-piece trades kept per round (`refine`), likewise.
        var refineTradesShown = 24

        // MARK: Polish

        /// Rounds of swaps, polish and row order after the first polish (`arrange`); the
        /// rounds stop early when a swap pass changes nothing, as they nearly always do by 3.
        var arrangeRounds = 6
        /// Passes over all block lengths in `polish`; a pass that changes nothing ends it.
        var polishRounds = 3
        /// Up to this many columns, blocks of any number of rows are re-ordered together;
        /// beyond, blocks of at most `longBlockRows` rows (the work grows with R x C^3).
        var allBlocksColumns = 40
        var longBlockRows = 3
        /// Kicks of each one-row block's search up to 20 columns (`kicks`).
        var kicksPerRow = 40
        /// From this many columns, two kicks are searched at once, and two long rows are
        /// ordered at once, on two cores: below it a search is too short to pay for a thread.
        var parallelKickColumns = 24
        /// From this many columns (pages of thousands of pieces) a row's search gets only
        /// `fewKicks` kicks: it costs about C^3 per kick and the page has about C rows.
        var fewerKicksColumns = 41
        var fewKicks = 2
        /// From this many columns (10,000 pieces: 100 columns), no kicks: the block
        /// searches alone cost most of the page's polish.
        var noKicksColumns = 62

        // MARK: Swaps

        /// Up to this many pieces, global swaps try every pair (O(n^2) per pass); beyond,
        /// only pieces among the 8 best partners of a cell's neighbours.
        var allPairsLimit = 600
        /// Passes of the global swaps at most; a pass without a swap ends them.
        var swapPasses = 50

        // MARK: Descents again from the page found (`descendAgain`)

        /// Arrangements again from the page's own rows, each kept only when the page gets
        /// cheaper; pages with blank pieces only (dense pages are settled by the first).
        /// On a tuning corpus of 16 grid pages (seed 4242, no oracle) the mean neighbour
        /// accuracy went from 60.1 % to 61.0 % with 1 and 61.4 % with 2, for about 30-40 %
        /// more time on those pages; 0 turns it off.
        var extraDescents = 2
        /// Past this many pieces no descent again: each costs one more full arrangement,
        /// and at 2,090 pieces that would break the time target (issue 7, 5 s).
        var extraDescentLimit = 1100

        // MARK: Bands of columns re-ordered down the page (`RowSplits`)

        /// Past this many pieces bands are not re-ordered: a round costs about
        /// columns x rows^4 for the tails and heads, and the pages of thousands of
        /// pieces in view (dense text, issue 7) have no full-height white gaps.
        var rowSplitLimit = 1100
        /// Bands applied at most, the best first, one per round: a page has few gaps
        /// that run down all its rows (an article's gutters, a table's white columns).
        /// On (24) since a band must also keep the rows' line rhythm (`rowSplitChecks`):
        /// judged by the joins alone it broke the synthetic zh-hei 8x12 page of
        /// `GridSolverTests` (a page cheaper by its joins that is wrong). It costs about
        /// 20-50 % more CPU time on pages of 300-400 pieces (0 turns it off).
        var rowSplitRounds = 24
        /// The bands with the greatest join gains priced with the line rhythm too
        /// (`PageObjective.groupingCost`) per round, the cheapest applied: 32 moved a tuning
        /// corpus's mean by 0.05 points against 8, and each costs a rhythm pass over the page.
        var rowSplitChecks = 8
        /// Longest run of row parts a tail or head band moves in one step: a band shifted
        /// by up to this many rows either way comes back in one move (the search costs
        /// rows^3 x this per pass and band).
        var rowSplitLongestRun = 8
        /// Up to this many columns, stretches between two gaps (three-column articles)
        /// are tried as well as tails and heads: there are columns^2 / 2 of them.
        var rowSplitMiddleColumns = 32

        // MARK: Runs traded between stacked rows

        /// Longest run `stackedTrades` moves in one piece.
        var longestStackedRun = 16
        /// Each row trades with the rows whose lines look most like its own.
        var stackedTradePartners = 6
        /// Trials priced in full per round.
        var stackedTrials = 24
        /// Past this many pieces the trades are not tried: at 2,090 pieces they cost about
        /// a second (the search grows as rows x columns^2 x run lengths per round) for
        /// under a point of accuracy on the scale benchmark's pages.
        var stackedTradesLimit = 1100

        // MARK: Blanks

        /// Passes of `shiftBlanks` over the rows (the margins are re-read between them);
        /// a pass that moves nothing ends it.
        var blankShiftRounds = 3
        /// Block shifts kept at most (`shiftBlocks`), one per round, the best first: a page
        /// has few blocks of rows set apart by white space.
        var blockShiftRounds = 8

        // MARK: Confidence

        /// From this many pieces, confidences are worked out on all cores (below, a
        /// thread costs more than the O(n^2) scan it would share).
        var parallelFrom = 1000

        // MARK: Double-sided rows (`RowTurns`)

        /// A broken rhythm, per page, in typical text-crossing joins per column.
        var rowTurnRhythmWeight: Float = 2
        /// Rows whose text does not line up with the page's margins, likewise.
        var rowTurnMarginWeight: Float = 2
        /// Rounds of `DoubleSidedSolver.polishSheet` after the sheet is solved (the grid
        /// solver's arrangement again with the pieces as they finally lie, then turns and
        /// swaps), each kept only when the sheet gets cheaper; a round that changes nothing
        /// ends them. 0 turns it off. Each round costs about one grid arrangement.
        var sheetPolishRounds = 2
        /// Rounds of the same, local moves only, when an answer repairs a sheet
        /// (`SheetRepair`): the repair looks for the nearest cheaper sheet, within the
        /// half second an answer may take.
        var sheetRepairRounds = 2

        init() {}
    }
}
