// Runs a fuzz target over every file of the directories (or the files) named on the command line,
// so that the checked-in corpus is replayed by ctest with the ordinary compiler and sanitizers.
// libFuzzer's own `main` takes its place in the libFuzzer builds (scripts/fuzz.sh).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::uint8_t> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Sorted, so that a failure names the same file on every machine.
std::vector<std::filesystem::path> inputs_of(const std::filesystem::path& path) {
    std::vector<std::filesystem::path> inputs;
    if (std::filesystem::is_directory(path)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path))
            if (entry.is_regular_file()) inputs.push_back(entry.path());
    } else {
        inputs.push_back(path);
    }
    std::sort(inputs.begin(), inputs.end());
    return inputs;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t count = 0;
    for (int i = 1; i < argc; ++i) {
        for (const auto& input : inputs_of(argv[i])) {
            // Printed before the run: a trap ends the process, and the log then names the input.
            std::fprintf(stderr, "replay %s\n", input.string().c_str());
            const auto bytes = read_file(input);
            // libFuzzer passes a valid pointer even for an empty input; so does the replay.
            static const std::uint8_t nothing = 0;
            LLVMFuzzerTestOneInput(bytes.empty() ? &nothing : bytes.data(), bytes.size());
            ++count;
        }
    }
    if (count == 0) {
        std::fprintf(stderr, "replay: no inputs found; a missing corpus would pass silently\n");
        return 1;
    }
    std::printf("replayed %zu inputs\n", count);
    return 0;
}
