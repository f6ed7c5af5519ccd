#include "table_sort.hpp"

#include <imgui_internal.h>  // TableGetHeaderRowHeight, as ImGui's own TableHeadersRow uses

#include <algorithm>

#include "alis/collation.hpp"
#include "ui_probe.hpp"

namespace alis::web::ui {

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
    count_ = count;
    fingerprint_ = fingerprint;
    order_.resize(static_cast<std::size_t>(std::max(count, 0)));
    for (int i = 0; i < count; ++i) order_[i] = i;
    if (!specs_.empty()) {
        // Stable, so rows equal on the sorted columns keep the screen's own order between them.
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
