/// One scanned piece: its name (the file stem) and its pixels.
public struct Piece: Equatable, Sendable {
    public let name: String
    public let image: GrayImage

    public init(name: String, image: GrayImage) {
        self.name = name
        self.image = image
    }
}

/// All the pieces of one folder: equal size, sorted by name so that results do
/// not depend on the order the file system lists them in.
public struct PieceSet: Sendable {
    public let pieces: [Piece]
    public var width: Int { pieces.first?.image.width ?? 0 }
    public var height: Int { pieces.first?.image.height ?? 0 }
    public var count: Int { pieces.count }

    public init(pieces: [Piece]) {
        self.pieces = pieces.sorted { $0.name < $1.name }
    }

    public subscript(i: Int) -> Piece { pieces[i] }
    public var names: [String] { pieces.map(\.name) }
    public var images: [GrayImage] { pieces.map(\.image) }

    public func index(of name: String) -> Int? { pieces.firstIndex { $0.name == name } }
}
