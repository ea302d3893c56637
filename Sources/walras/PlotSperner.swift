import ArgumentParser
import EconomyModel
import EquilibriumSearch
import Foundation
import WalrasAudit
import WalrasPlots

extension Plot {
    struct Sperner: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the triangulated price simplex of a three-good economy, its labels, the path and the completely labelled simplex.")

        static let meshRange = 2...96

        @Argument(help: "A three-good economy file.")
        var file: String

        @Option(help: "Where to write the SVG picture.")
        var out: String

        @Option(help: "The grid: prices k/D for D = this mesh (\(meshRange.lowerBound) to \(meshRange.upperBound)).")
        var mesh: Int = 16

        func validate() throws {
            guard Sperner.meshRange.contains(mesh) else {
                throw ValidationError("--mesh must be between \(Sperner.meshRange.lowerBound) and "
                                      + "\(Sperner.meshRange.upperBound), found \(mesh)")
            }
        }

        func run() throws {
            let economy: Economy
            do {
                switch try Auditor.load(path: file) {
                case .economy(let e): economy = e
                case .agents(let a): economy = a.compiled().economy
                }
            } catch {
                throw rejection("\(error)")
            }
            guard economy.commodityCount == 3 else {
                throw rejection("\(file): expected an economy of three goods for the picture, found \(economy.commodityCount)")
            }
            let picture: SpernerPicture
            do {
                picture = try SimplicialSearch(economy: economy).picture(mesh: mesh)
            } catch {
                throw undecided("the path stopped: \(error)")
            }
            let svg = spernerSVG(picture, commodities: economy.commodities, title: "Sperner search for \(economy.name)")
            do {
                try svg.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                throw rejection("\(out): expected a writable file, found \(error.localizedDescription)")
            }
            print("wrote \(out): mesh 1/\(mesh), \(picture.result.pivots) pivots, completely labelled simplex "
                  + picture.result.vertices.map { "(" + $0.map { "\($0)/\(mesh)" }.joined(separator: ", ") + ")" }.joined(separator: " "))
        }
    }
}
