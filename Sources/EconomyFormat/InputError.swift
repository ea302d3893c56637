public import ExactJSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A rejected input: where (file and JSON path), what was expected, and
/// what was found. Every rejection of user input is one of these.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// A JSON path such as `consumers[2].utility.exponents[1]`; empty for the whole file.
    public let path: String
    public let expected: String
    public let found: String

    public init(file: String, path: String, expected: String, found: String) {
        self.file = file
        self.path = path
        self.expected = expected
        self.found = found
    }

    public var description: String {
        let place = path.isEmpty ? file : "\(file): at \(path)"
        return "\(place): expected \(expected), found \(found)"
    }
}

/// A position in a JSON document, for messages.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public var components: [String] = []
    public init() {}

    public func key(_ k: String) -> JSONPath {
        var p = self
        p.components.append(components.isEmpty ? k : "." + k)
        return p
    }

    public func index(_ i: Int) -> JSONPath {
        var p = self
        p.components.append("[\(i)]")
        return p
    }

    /// `$` for the document's root (its value as a whole), else the keys and indices.
    public var description: String { components.isEmpty ? "$" : components.joined() }
}

/// Reads files with stated limits, so hostile input costs bounded work.
public enum InputFile {
    /// The largest file accepted. A 100 MB file is refused by its size,
    /// before it is read.
    public static let maximumBytes = 16 << 20

    public static func read(_ path: String) throws(InputError) -> [UInt8] {
        guard let handle = fopen(path, "rb") else {
            throw InputError(file: path, path: "", expected: "a readable file", found: "no such file or no permission")
        }
        defer { fclose(handle) }
        // fopen opens a directory, and ftell then reports it as LONG_MAX bytes: say what it is.
        var status = stat()
        if fstat(fileno(handle), &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw InputError(file: path, path: "", expected: "a readable file", found: "a directory")
        }
        // A regular file is refused by its size before any of it is read.
        if fseek(handle, 0, SEEK_END) == 0 {
            let size = ftell(handle)
            if size > maximumBytes {
                throw InputError(file: path, path: "", expected: "a file of at most \(maximumBytes) bytes (16 MiB)",
                                 found: "a file of \(size) bytes")
            }
            rewind(handle)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
            if bytes.count > maximumBytes {
                throw InputError(file: path, path: "", expected: "a file of at most \(maximumBytes) bytes (16 MiB)",
                                 found: "a larger file")
            }
        }
        if ferror(handle) != 0 {
            throw InputError(file: path, path: "", expected: "a readable file", found: "a read error")
        }
        return bytes
    }

    /// Parses JSON, turning a syntax error into an `InputError` for `file`.
    public static func parseJSON(_ bytes: [UInt8], file: String) throws(InputError) -> JSONValue {
        do {
            return try JSONReader(maximumBytes: maximumBytes).parse(bytes)
        } catch {
            throw InputError(file: file, path: "", expected: "valid JSON (\(error.expected)) at line \(error.line), column \(error.column)",
                             found: error.found)
        }
    }
}
