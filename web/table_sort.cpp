#include "table_sort.hpp"

#include <imgui_internal.h>  // TableGetHeaderRowHeight, as ImGui's own TableHeadersRow uses

#include <algorithm>
#include <numeric>

#include "alis/collation.hpp"
#include "ui_probe.hpp"

namespace alis::web::ui {

namespace {
// The rows in the screen's own order: 0, 1, ..., n - 1.
std::vector<int> screen_order(std::size_t n) {
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    return order;
}
}  // namespace

void Fingerprint::mix(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        hash_ ^= bytes[i];
        hash_ *= 1099511628211ull;
    }
}

Fingerprint& Fingerprint::add(std::string_view text) {
    mix(text.data(), text.size());
    const unsigned char end = 0xff;  // "ab"+"c" and "a"+"bc" differ
    mix(&end, 1);
    return *this;
}

Fingerprint& Fingerprint::add(long long number) {
    mix(&number, sizeof number);
    return *this;
}

Fingerprint& Fingerprint::add(const Date& date) { return add(static_cast<long long>(date.year) * 10000 + date.month * 100 + date.day); }

int compare_text(std::string_view a, std::string_view b) { return norwegian_compare(a, b); }
int compare_dates(const Date& a, const Date& b) { return a < b ? -1 : (b < a ? 1 : 0); }
int compare_numbers(long long a, long long b) { return a < b ? -1 : (a > b ? 1 : 0); }

void table_headers() {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ImGui::TableGetHeaderRowHeight());
    const int columns = ImGui::TableGetColumnCount();
    for (int column = 0; column < columns; ++column) {
        if (!ImGui::TableSetColumnIndex(column)) continue;
        const char* name = ImGui::TableGetColumnName(column);
        ImGui::PushID(column);
        ImGui::TableHeader(name);
        ImGui::PopID();
        probe::record_last_item(name, probe::Role::columnheader);
    }
}

const std::vector<int>& TableSorter::order(int count, std::uint64_t fingerprint, const ColumnCompare& compare) {
    bool rebuild = count != count_ || fingerprint != fingerprint_;
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        std::vector<Spec> now;
        for (int i = 0; i < specs->SpecsCount; ++i) {
            now.push_back({specs->Specs[i].ColumnIndex, specs->Specs[i].SortDirection == ImGuiSortDirection_Descending});
        }
        specs->SpecsDirty = false;
        if (now != specs_) {
            specs_ = std::move(now);
            rebuild = true;
        }
    }
    if (!rebuild) return order_;
    if (count != count_ || fingerprint != fingerprint_) ascending_.clear();  // other rows
    count_ = count;
    fingerprint_ = fingerprint;
    const std::size_t n = static_cast<std::size_t>(std::max(count, 0));
    if (specs_.size() == 1) {
        // One column: its ascending order is sorted once and kept while the rows stay; the other
        // direction is read from it (a click that turns the direction costs no sort).
        const int column = specs_.front().column;
        auto cached = ascending_.find(column);
        if (cached == ascending_.end()) {
            std::vector<int> ascending = screen_order(n);
            // Stable, so rows equal on the column keep the screen's own order between them.
            std::stable_sort(ascending.begin(), ascending.end(), [&](int a, int b) { return compare(a, b, column) < 0; });
            ++sorts_;
            cached = ascending_.emplace(column, std::move(ascending)).first;
        }
        if (!specs_.front().descending) {
            order_ = cached->second;
        } else {
            // The runs of equal rows in reverse, each in the screen's order: what a stable
            // descending sort gives, in one pass.
            const std::vector<int>& ascending = cached->second;
            order_.clear();
            for (std::size_t end = n; end > 0;) {
                std::size_t start = end - 1;
                while (start > 0 && compare(ascending[start - 1], ascending[start], column) == 0) --start;
                order_.insert(order_.end(), ascending.begin() + static_cast<std::ptrdiff_t>(start),
                              ascending.begin() + static_cast<std::ptrdiff_t>(end));
                end = start;
            }
        }
        return order_;
    }
    order_ = screen_order(n);
    if (!specs_.empty()) {
        // Several columns (ImGuiTableFlags_SortMulti, which no table here asks for): sorted each time,
        // stable like the above.
        std::stable_sort(order_.begin(), order_.end(), [&](int a, int b) {
            for (const Spec& s : specs_) {
                const int c = compare(a, b, s.column);
                if (c != 0) return s.descending ? c > 0 : c < 0;
            }
            return false;
        });
        ++sorts_;
    }
    return order_;
}

}  // namespace alis::web::ui
