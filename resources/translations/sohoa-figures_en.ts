<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>MainWindow</name>
    <message>
        <source>Việc cần làm</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Chọn cột của sổ</source>
        <translation>Choose the register's columns</translation>
    </message>
    <message>
        <source>Tệp này có tiêu đề cột lạ. Chọn cột cho từng mục; lần sau Sohoa sẽ tự nhận ra.</source>
        <translation>This file has column headings Sohoa does not know. Choose the column for each item; next time Sohoa will recognise them.</translation>
    </message>
    <message>
        <source>(không có)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Mã thủ tục</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <source>Tên thủ tục</source>
        <translation>Procedure name</translation>
    </message>
    <message>
        <source>Chủ hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Ngày tiếp nhận</source>
        <translation>Date received</translation>
    </message>
    <message>
        <source>Ngày trả kết quả</source>
        <translation>Date result issued</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Tháng này chưa có số liệu: báo cáo từ tháng đầu tiên có hồ sơ.</source>
        <translation>No figures this month yet: the report starts at the first month with dossiers.</translation>
    </message>
    <message>
        <source>Báo cáo số hóa</source>
        <translation>Digitisation report</translation>
    </message>
    <message>
        <source>Xem</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Từ</source>
        <translation>From</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Tháng trước</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Xuất Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>Xuất PDF để in…</source>
        <translation>Export PDF to print…</translation>
    </message>
    <message>
        <source>Hồ sơ đã số hóa</source>
        <translation>Dossiers digitised</translation>
    </message>
    <message>
        <source>Kết quả đã số hóa</source>
        <translation>Results digitised</translation>
    </message>
    <message>
        <source>Thành phần tái sử dụng</source>
        <translation>Components reused</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Đã số hóa</source>
        <translation>Digitised</translation>
    </message>
    <message>
        <source>Ngày bắt đầu sau ngày kết thúc.</source>
        <translation>The start date is after the end date.</translation>
    </message>
    <message>
        <source>Lập báo cáo</source>
        <translation>Making the report</translation>
    </message>
    <message>
        <source>{a} / {b} hồ sơ tiếp nhận</source>
        <translation>{a} of {b} dossiers received</translation>
    </message>
    <message>
        <source>{a} / {b} kết quả đã ban hành</source>
        <translation>{a} of {b} results issued</translation>
    </message>
    <message>
        <source>{a} / {b} thành phần hồ sơ</source>
        <translation>{a} of {b} dossier components</translation>
    </message>
    <message>
        <source>{pages} trang đã quét · {outbox} gói còn chờ gửi · từ tiếp nhận tới khi giao: {hours}</source>
        <translation>{pages} pages scanned · {outbox} packages waiting to be sent · from receipt to delivery: {hours}</translation>
    </message>
    <message>
        <source>chưa có</source>
        <translation>not yet known</translation>
    </message>
    <message>
        <source>{h} giờ (trung vị)</source>
        <translation>{h} hours (median)</translation>
    </message>
    <message>
        <source>Chưa có hồ sơ nào trong kỳ này</source>
        <translation>No dossiers in this period yet</translation>
    </message>
    <message>
        <source>Bảng tính Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>Lưu báo cáo</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>Xuất báo cáo</source>
        <translation>Exporting the report</translation>
    </message>
    <message>
        <source>Đã lưu: {p}</source>
        <translation>Saved: {p}</translation>
    </message>
    <message>
        <source>Mã thủ tục</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <source>Tên thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Tỷ lệ số hóa</source>
        <translation>Share digitised</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>KQ đã số hóa</source>
        <translation>Results digitised</translation>
    </message>
    <message>
        <source>Tỷ lệ KQ</source>
        <translation>Share of results</translation>
    </message>
    <message>
        <source>Thành phần</source>
        <translation>Components</translation>
    </message>
    <message>
        <source>Tái sử dụng</source>
        <translation>Reused</translation>
    </message>
    <message>
        <source>Tỷ lệ tái sử dụng</source>
        <translation>Share reused</translation>
    </message>
    <message>
        <source>Trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Giờ tới khi giao (trung vị)</source>
        <translation>Hours to delivery (median)</translation>
    </message>
    <message>
        <source>Chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Đã đóng gói</source>
        <translation>Packed</translation>
    </message>
    <message>
        <source>Đã xác nhận</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>Chờ xác nhận</source>
        <translation>To confirm</translation>
    </message>
    <message>
        <source>Kết quả giải quyết</source>
        <translation>Results issued</translation>
    </message>
    <message>
        <source>Mã hồ sơ mà kết quả giải quyết</source>
        <translation>Code of the dossier the result resolves</translation>
    </message>
    <message>
        <source>Nhập bản quét kết quả…</source>
        <translation>Import the result's scan…</translation>
    </message>
    <message>
        <source>Hồ sơ:</source>
        <translation>Dossier:</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Số, ký hiệu</source>
        <translation>Number and symbol</translation>
    </message>
    <message>
        <source>Ngày ký</source>
        <translation>Date signed</translation>
    </message>
    <message>
        <source>Lưu và xác nhận (Ctrl+Enter)</source>
        <translation>Save and confirm (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Đóng gói kết quả</source>
        <translation>Pack the result</translation>
    </message>
    <message>
        <source>Chọn một kết quả, hoặc nhập bản quét kết quả mới.</source>
        <translation>Choose a result, or import the scan of a new one.</translation>
    </message>
    <message>
        <source>Đã đóng gói thành hồ sơ điện tử riêng.</source>
        <translation>Packed as its own electronic record.</translation>
    </message>
    <message>
        <source>Đã xác nhận. Có thể đóng gói.</source>
        <translation>Confirmed. It can be packed.</translation>
    </message>
    <message>
        <source>Các ô do máy đọc đề xuất — đối chiếu với bản giấy rồi xác nhận.</source>
        <translation>The fields were read by the machine — check them against the paper, then confirm.</translation>
    </message>
    <message>
        <source>(không có trang)</source>
        <translation>(no pages)</translation>
    </message>
    <message>
        <source>(không hiện được trang)</source>
        <translation>(the page cannot be shown)</translation>
    </message>
    <message>
        <source>Chọn bản quét kết quả</source>
        <translation>Choose the result's scan</translation>
    </message>
    <message>
        <source>Ảnh hoặc PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</source>
        <translation>Images or PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <source>Nhập mã hồ sơ mà kết quả này giải quyết.</source>
        <translation>Type the code of the dossier this result resolves.</translation>
    </message>
    <message>
        <source>Đọc bản quét kết quả</source>
        <translation>Reading the result's scan</translation>
    </message>
    <message>
        <source>Đã đóng gói và đưa vào hàng đợi gửi: {n}</source>
        <translation>Packed and queued for sending: {n}</translation>
    </message>
    <message>
        <source>Người ký</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>Cơ quan ban hành</source>
        <translation>Issuing agency</translation>
    </message>
    <message>
        <source>Loại kết quả</source>
        <translation>Kind of result</translation>
    </message>
    <message>
        <source>Mã kết quả</source>
        <translation>Result code</translation>
    </message>
    <message>
        <source>Trích yếu</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Người được cấp</source>
        <translation>Issued to</translation>
    </message>
    <message>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Hiệu lực đến</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>dd/mm/yyyy, trống là không thời hạn</source>
        <translation>dd/mm/yyyy, empty for no limit</translation>
    </message>
    <message>
        <source>Thuộc hồ sơ</source>
        <translation>Dossier</translation>
    </message>
</context>
<context>
    <name>WorklistView</name>
    <message>
        <source>Chưa số hóa hồ sơ</source>
        <translation>Dossier not digitised</translation>
    </message>
    <message>
        <source>Chưa số hóa kết quả</source>
        <translation>Result not digitised</translation>
    </message>
    <message>
        <source>Việc cần làm</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>Nhập sổ tiếp nhận (CSV, Excel)…</source>
        <translation>Import the register (CSV, Excel)…</translation>
    </message>
    <message>
        <source>Số hóa kết quả của hồ sơ này…</source>
        <translation>Digitise this dossier's result…</translation>
    </message>
    <message>
        <source>Việc</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Ngày tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Mã thủ tục</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Chủ hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Chưa có sổ tiếp nhận. Nhập danh sách hồ sơ đã tiếp nhận từ hệ thống một cửa để biết hồ sơ nào chưa số hóa.</source>
        <translation>No register yet. Import the list of dossiers received from the one-stop system to see which are not digitised.</translation>
    </message>
    <message>
        <source>{d} hồ sơ chưa số hóa · {r} kết quả chưa số hóa (trong {n} hồ sơ của sổ)</source>
        <translation>{d} dossiers not digitised · {r} results not digitised (of {n} dossiers in the register)</translation>
    </message>
    <message>
        <source>Chọn tệp sổ tiếp nhận</source>
        <translation>Choose the register file</translation>
    </message>
    <message>
        <source>Sổ tiếp nhận (*.csv *.xlsx *.txt)</source>
        <translation>Register (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>Nhập sổ tiếp nhận</source>
        <translation>Importing the register</translation>
    </message>
    <message>
        <source>Đã nhập {n} hồ sơ ({a} mới, {u} cập nhật).</source>
        <translation>Imported {n} dossiers ({a} new, {u} updated).</translation>
    </message>
    <message>
        <source>{k} dòng không nhập được:</source>
        <translation>{k} rows could not be imported:</translation>
    </message>
    <message>
        <source>dòng</source>
        <translation>row</translation>
    </message>
</context>
<context>
    <name>ReusePanel</name>
    <message>
        <source>không thời hạn</source>
        <translation>without limit</translation>
    </message>
    <message>
        <source>Dùng lại giấy tờ đã có (Ctrl+U)</source>
        <translation>Reuse the documents on file (Ctrl+U)</translation>
    </message>
    <message>
        <source>Bỏ dùng lại</source>
        <translation>Stop reusing</translation>
    </message>
    <message>
        <source>Dùng lại giấy tờ đã có</source>
        <translation>Reuse the documents on file</translation>
    </message>
    <message>
        <source>Người nộp đã có trên hệ thống (còn hạn):</source>
        <translation>The applicant already has on file (valid):</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>until</translation>
    </message>
    <message>
        <source>Đã dùng lại, không cần quét:</source>
        <translation>Reused, no need to scan:</translation>
    </message>
</context>
</TS>
