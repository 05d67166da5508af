<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DocumentModel</name>
    <message>
        <location filename="../../desktop/models.py" line="215"/>
        <source>Chưa rõ loại giấy tờ</source>
        <translation>Unknown document type</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="226"/>
        <source>Trang không đọc được chữ — cần xem</source>
        <translation>Page with no readable text — please check</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="216"/>
        <source>{n} trang</source>
        <translation>{n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="221"/>
        <source>máy gợi ý {c}</source>
        <translation>suggested, {c}</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="224"/>
        <source>Loại giấy tờ do máy gợi ý: Enter để nhận, hoặc chọn loại khác.</source>
        <translation>Document type suggested by the machine: Enter accepts it, or choose another type.</translation>
    </message>
</context>
<context>
    <name>DossierListModel</name>
    <message>
        <location filename="../../desktop/models.py" line="192"/>
        <source>{code} (tạm)</source>
        <translation>{code} (provisional)</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="194"/>
        <source>chưa rõ thủ tục</source>
        <translation>procedure not known yet</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <location filename="../../desktop/dossier_view.py" line="204"/>
        <source>Nhận thủ tục</source>
        <translation>Accept procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="205"/>
        <source>Nhận thủ tục máy gợi ý (Ctrl+Enter)</source>
        <translation>Accept the suggested procedure (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="220"/>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="223"/>
        <source>Họ và tên người nộp</source>
        <translation>Applicant&apos;s full name</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="275"/>
        <source>cách nhau bằng dấu ;</source>
        <translation>separated by ;</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="276"/>
        <source>12 chữ số; nhiều số cách nhau bằng ;</source>
        <translation>12 digits; several separated by ;</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="277"/>
        <source>dd/mm/yyyy; …</source>
        <translation>dd/mm/yyyy; …</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="283"/>
        <source>Đóng gói và đưa vào hàng đợi gửi</source>
        <translation>Pack and add to outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="298"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="299"/>
        <source>Mã hồ sơ:</source>
        <translation>Dossier code:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="306"/>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="312"/>
        <source>Người nộp:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="324"/>
        <location filename="../../desktop/dossier_view.py" line="553"/>
        <source>Thành phần hồ sơ</source>
        <translation>Required components</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="340"/>
        <source>Các trang của giấy tờ đang chọn (nhấp đúp để soát chữ)</source>
        <translation>Pages of the selected document (double-click to review the text)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="342"/>
        <source>Thông tin trích từ giấy tờ đang chọn</source>
        <translation>Details read from the selected document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="316"/>
        <location filename="../../desktop/dossier_view.py" line="344"/>
        <source>Số định danh:</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="319"/>
        <source>Ngày nhận:</source>
        <translation>Received on:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="327"/>
        <source>Giấy tờ trong hồ sơ</source>
        <translation>Documents in the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="330"/>
        <source>Loại giấy tờ:</source>
        <translation>Document type:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="343"/>
        <source>Họ tên:</source>
        <translation>Names:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="345"/>
        <source>Ngày:</source>
        <translation>Dates:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="346"/>
        <source>Chuyển trang:</source>
        <translation>Move pages:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="347"/>
        <source>Chuyển các trang đã chọn sang giấy tờ khác</source>
        <translation>Move the selected pages to another document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="386"/>
        <source>Danh sách hồ sơ</source>
        <translation>All dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="411"/>
        <location filename="../../desktop/dossier_view.py" line="428"/>
        <source>Nhận gợi ý</source>
        <translation>Accept suggestion</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="411"/>
        <source>Nhận loại giấy tờ máy gợi ý (Enter)</source>
        <translation>Accept the suggested document type (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="413"/>
        <source>Tách</source>
        <translation>Split</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="413"/>
        <source>Tách giấy tờ tại trang đang chọn (Ctrl+T)</source>
        <translation>Split the document at the selected page (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="414"/>
        <source>Gộp với sau</source>
        <translation>Merge with next</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="414"/>
        <source>Gộp với giấy tờ kế tiếp (Ctrl+G)</source>
        <translation>Merge with the next document (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="416"/>
        <source>Dời giấy tờ lên</source>
        <translation>Move the document up</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="417"/>
        <source>Dời giấy tờ xuống</source>
        <translation>Move the document down</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="429"/>
        <location filename="../../desktop/dossier_view.py" line="757"/>
        <source>Tách giấy tờ</source>
        <translation>Split document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="430"/>
        <location filename="../../desktop/dossier_view.py" line="765"/>
        <source>Gộp giấy tờ</source>
        <translation>Merge documents</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="431"/>
        <source>Đóng gói</source>
        <translation>Pack</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="432"/>
        <source>Giấy tờ sau</source>
        <translation>Next document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="433"/>
        <source>Giấy tờ trước</source>
        <translation>Previous document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="434"/>
        <source>Tìm thủ tục</source>
        <translation>Find procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="463"/>
        <source>Chưa có hồ sơ. Nhập hoặc quét giấy tờ rồi bấm “Lập hồ sơ”.</source>
        <translation>No dossier yet. Import or scan papers, then press “Make dossier”.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="474"/>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="478"/>
        <source>{code} · máy gợi ý, {c:.0f}% tin cậy</source>
        <translation>{code} · suggested, {c:.0f}% confidence</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="481"/>
        <source>Kiểm tra rồi nhận (Ctrl+Enter), hoặc tìm thủ tục khác (Ctrl+K).</source>
        <translation>Check it, then accept (Ctrl+Enter), or find another procedure (Ctrl+K).</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="485"/>
        <source>{code} · đã xác nhận</source>
        <translation>{code} · confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="514"/>
        <source>Mã tạm</source>
        <translation>Provisional</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="515"/>
        <source>Chưa có mã chính thức: gõ mã trên giấy tiếp nhận khi có.</source>
        <translation>No official code yet: type the code from the receipt when there is one.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="561"/>
        <source>(không bắt buộc)</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="562"/>
        <source>còn thiếu</source>
        <translation>missing</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="564"/>
        <location filename="../../desktop/dossier_view.py" line="567"/>
        <source>Đã có trong hồ sơ</source>
        <translation>In the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="570"/>
        <source>Giấy tờ bắt buộc chưa có trong hồ sơ</source>
        <translation>Required document not in the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="575"/>
        <source>Không bắt buộc, chưa có trong hồ sơ</source>
        <translation>Optional, not in the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="579"/>
        <source>Giấy tờ ngoài danh mục của thủ tục</source>
        <translation>Document not in the procedure&apos;s list</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="582"/>
        <source>Thành phần hồ sơ — còn thiếu {n}</source>
        <translation>Components — {n} missing</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="583"/>
        <source>Thành phần hồ sơ — đủ giấy tờ bắt buộc</source>
        <translation>Components — all required papers present</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="811"/>
        <source>Đã đóng gói và đưa vào hàng đợi gửi: {name}</source>
        <translation>Packed and added to the outbox: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="813"/>
        <source>Đã đóng gói: {name} — gói này đã có trong hàng đợi gửi</source>
        <translation>Packed: {name} — this package was already in the outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="500"/>
        <source>Bản nháp</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="500"/>
        <source>Sẵn sàng</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="501"/>
        <source>Đã đóng gói</source>
        <translation>Packed</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="501"/>
        <source>Đang chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="502"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="506"/>
        <source>Trạng thái: {s}</source>
        <translation>State: {s}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="510"/>
        <source>Mã chính thức</source>
        <translation>Official code</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="526"/>
        <source>— chưa rõ —</source>
        <translation>— unknown —</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="554"/>
        <source>Chọn thủ tục để xem giấy tờ cần có.</source>
        <translation>Choose a procedure to see the papers it needs.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="616"/>
        <source>— chọn giấy tờ —</source>
        <translation>— choose a document —</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="629"/>
        <source>Không thực hiện được</source>
        <translation>Could not do that</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="731"/>
        <source>Nhận loại giấy tờ</source>
        <translation>Accept document type</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="749"/>
        <source>Đổi loại giấy tờ</source>
        <translation>Change document type</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="771"/>
        <source>Dời giấy tờ</source>
        <translation>Move document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="780"/>
        <source>Chuyển trang</source>
        <translation>Move pages</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="788"/>
        <source>Soát chữ — {name}</source>
        <translation>Review text — {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="807"/>
        <source>Đang đóng gói…</source>
        <translation>Packing…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="818"/>
        <source>Lưu ý: {n} trang được quét dưới 200 dpi, thấp hơn mức Nghị định 30/2020 yêu cầu; nên quét lại các trang này.</source>
        <translation>Note: {n} pages were scanned below 200 dpi, under what Decree 30/2020 requires; rescan them if you can.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="827"/>
        <source>Đóng gói hồ sơ</source>
        <translation>Packing dossier</translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <location filename="../../desktop/viewer.py" line="137"/>
        <source>Thu nhỏ (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="139"/>
        <source>Phóng to (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="141"/>
        <source>Vừa khung</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="142"/>
        <source>Vừa khung (Ctrl+0)</source>
        <translation>Fit to window (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="143"/>
        <source>Kích thước thật</source>
        <translation>Actual size</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="45"/>
        <source>Sohoa — Số hóa hồ sơ một cửa</source>
        <translation>Sohoa — one-stop desk digitisation</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="66"/>
        <source>Quét / Nhập</source>
        <translation>Scan / Import</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="66"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="66"/>
        <source>Hàng đợi gửi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="67"/>
        <source>Tìm kiếm</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="67"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="89"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="90"/>
        <source>Dừng việc đang chạy (phần đã xong được giữ lại)</source>
        <translation>Stop the running work (what is done is kept)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="134"/>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="136"/>
        <source>Làm lại</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="209"/>
        <source>Đang nhập và đọc chữ hồ sơ mẫu…</source>
        <translation>Importing and reading the sample dossier…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="210"/>
        <source>Mở hồ sơ mẫu</source>
        <translation>Open the sample dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="227"/>
        <source>Quét giấy tờ</source>
        <translation>Scanning</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="252"/>
        <source>Sẵn sàng</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="268"/>
        <source>Chờ gửi: {n}</source>
        <translation>To send: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="269"/>
        <source> · lỗi: {n}</source>
        <translation> · failed: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="278"/>
        <source>Chưa cài máy chủ gửi</source>
        <translation>No upload server set</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="280"/>
        <source>Có mạng tới máy chủ</source>
        <translation>Server reachable</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="282"/>
        <source>Mất mạng — hồ sơ vẫn chờ trong hàng đợi</source>
        <translation>Offline — dossiers wait in the outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="1"/>
        <source>Hoàn tất lô bị gián đoạn</source>
        <translation>Finishing interrupted batches</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <location filename="../../desktop/models.py" line="251"/>
        <source>Gói</source>
        <translation>Package</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="251"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="251"/>
        <source>Tiến độ</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="252"/>
        <source>Tốc độ</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="252"/>
        <source>Còn lại</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="252"/>
        <source>Lỗi gần nhất</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="256"/>
        <source>Đang chờ</source>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="257"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="258"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="259"/>
        <source>Lỗi</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="260"/>
        <source>Đã chép ra USB</source>
        <translation>Copied to USB</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="314"/>
        <source>(lần {n})</source>
        <translation>(attempt {n})</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../desktop/outbox_view.py" line="75"/>
        <source>Gửi ngay</source>
        <translation>Send now</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="77"/>
        <source>Tạm dừng</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="78"/>
        <source>Tiếp tục</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="79"/>
        <source>Thử lại mục lỗi</source>
        <translation>Retry failed</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="86"/>
        <source>Hàng đợi gửi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="125"/>
        <source>{q} đang chờ · {u} đang gửi · {d} đã gửi · {f} lỗi</source>
        <translation>{q} queued · {u} sending · {d} sent · {f} failed</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="146"/>
        <source>Gửi hồ sơ</source>
        <translation>Sending dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="150"/>
        <source>Đang gửi…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="165"/>
        <source>Xong lượt gửi: {msg}</source>
        <translation>Sending finished: {msg}</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="179"/>
        <source>Đã tạm dừng; phần đã gửi được giữ lại.</source>
        <translation>Paused; what was sent is kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="185"/>
        <source>Đang gửi tiếp…</source>
        <translation>Sending again…</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="192"/>
        <source>Thử lại</source>
        <translation>Retry</translation>
    </message>
</context>
<context>
    <name>PageModel</name>
    <message>
        <location filename="../../desktop/models.py" line="101"/>
        <source>Trang {n}</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="103"/>
        <source>trắng?</source>
        <translation>blank?</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="105"/>
        <source>lỗi</source>
        <translation>error</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="107"/>
        <source>đang đọc</source>
        <translation>reading</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="114"/>
        <source>Trang có vẻ trắng: kiểm tra rồi xóa nếu đúng.</source>
        <translation>Looks blank: check it and delete it if so.</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="118"/>
        <source>Độ tin cậy OCR: {c:.0f}%</source>
        <translation>OCR confidence: {c:.0f}%</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <location filename="../../desktop/viewer.py" line="185"/>
        <source>có thể là trang trắng</source>
        <translation>may be blank</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="187"/>
        <source>OCR {c:.0f}%</source>
        <translation>OCR {c:.0f}%</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../desktop/dossier_view.py" line="69"/>
        <source>Tìm thủ tục: gõ tên hoặc mã, không dấu cũng được</source>
        <translation>Find a procedure: type its name or code, marks optional</translation>
    </message>
</context>
<context>
    <name>ReviewWidget</name>
    <message>
        <location filename="../../desktop/viewer.py" line="223"/>
        <source>Chưa có chữ nhận dạng cho trang này.</source>
        <translation>No recognised text for this page yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="229"/>
        <source>Lưu chữ (Ctrl+S)</source>
        <translation>Save text (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="232"/>
        <source>Từ tô vàng: máy đọc chưa chắc, hãy kiểm tra.</source>
        <translation>Words in yellow: the machine was unsure, please check.</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="286"/>
        <source>Bản nháp chưa lưu (khôi phục sau khi tắt máy)</source>
        <translation>Unsaved draft (recovered after a restart)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="356"/>
        <source>Đang sửa…</source>
        <translation>Editing…</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="364"/>
        <source>Bản nháp đã giữ — nhấn Ctrl+S để lưu</source>
        <translation>Draft kept — press Ctrl+S to save</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="378"/>
        <source>Đã lưu.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>ScanView</name>
    <message>
        <location filename="../../desktop/scan_view.py" line="56"/>
        <source>Nhập tệp…</source>
        <translation>Import files…</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="57"/>
        <source>Quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="59"/>
        <source>Xoay phải</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="60"/>
        <source>Xoay trái</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="62"/>
        <source>Xóa trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="63"/>
        <source>Khôi phục</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="65"/>
        <source>Dời lên</source>
        <translation>Move earlier</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="67"/>
        <source>Dời xuống</source>
        <translation>Move later</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="70"/>
        <location filename="../../desktop/scan_view.py" line="349"/>
        <source>Lập hồ sơ</source>
        <translation>Make dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="71"/>
        <source>Trang sau</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="74"/>
        <source>Trang trước</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="84"/>
        <source>Hiện trang đã xóa</source>
        <translation>Show deleted pages</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="90"/>
        <source>Tiếp tục đọc chữ</source>
        <translation>Continue reading</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="117"/>
        <source>Trang</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="118"/>
        <source>Soát chữ (OCR)</source>
        <translation>Review text (OCR)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="122"/>
        <source>Lô:</source>
        <translation>Batch:</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="163"/>
        <source>Lô {id} · {n} trang · {day}</source>
        <translation>Batch {id} · {n} pages · {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="208"/>
        <source>{n} trang chưa đọc chữ.</source>
        <translation>{n} page(s) not read yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="210"/>
        <source>{n} trang có vẻ trắng (nền vàng): xem lại rồi xóa nếu đúng.</source>
        <translation>{n} page(s) look blank (yellow): check them and delete if so.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="213"/>
        <source>{n} trang đọc lỗi (nền đỏ).</source>
        <translation>{n} page(s) could not be read (red).</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="257"/>
        <source>Xoay {n} trang</source>
        <translation>Rotate {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="264"/>
        <source>Xóa {n} trang</source>
        <translation>Delete {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="270"/>
        <source>Khôi phục {n} trang</source>
        <translation>Restore {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="276"/>
        <source>Dời {n} trang</source>
        <translation>Move {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="303"/>
        <source>Chọn ảnh quét hoặc PDF</source>
        <translation>Choose scanned images or PDFs</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="304"/>
        <source>Ảnh và PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf);;Mọi tệp (*)</source>
        <translation>Images and PDFs (*.png *.jpg *.jpeg *.tif *.tiff *.pdf);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="309"/>
        <source>Nhập và đọc chữ</source>
        <translation>Importing and reading</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="339"/>
        <source>Đọc chữ tiếp</source>
        <translation>Reading the rest</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="1"/>
        <source>{name}: đã nhập trong lô {n}</source>
        <translation>{name}: already imported in batch {n}</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../desktop/search_view.py" line="59"/>
        <source>Tìm kiếm trong các trang đã số hóa</source>
        <translation>Search every digitised page</translation>
    </message>
    <message>
        <location filename="../../desktop/search_view.py" line="63"/>
        <source>Gõ tên, số định danh, nội dung… (không dấu cũng được)</source>
        <translation>Type a name, ID number, words… (marks optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/search_view.py" line="93"/>
        <source>Tìm kiếm</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/search_view.py" line="102"/>
        <source>{n} trang khớp với “{q}”</source>
        <translation>{n} page(s) match “{q}”</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../desktop/settings_view.py" line="70"/>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="75"/>
        <source>Thư mục làm việc</source>
        <translation>Workspace folder</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="78"/>
        <source>Đổi thư mục có hiệu lực khi mở lại Sohoa.</source>
        <translation>A new folder takes effect when Sohoa is reopened.</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="88"/>
        <source>tên thiết bị SANE, ví dụ: test</source>
        <translation>SANE device name, e.g. test</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="90"/>
        <source>Mặt kính</source>
        <translation>Flatbed</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="90"/>
        <source>Khay nạp giấy</source>
        <translation>Document feeder</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="91"/>
        <source>Khay nạp, hai mặt</source>
        <translation>Feeder, both sides</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="98"/>
        <source>Màu</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="99"/>
        <source>Xám</source>
        <translation>Grey</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="100"/>
        <source>Thêm cấu hình</source>
        <translation>Add profile</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="102"/>
        <source>Xóa cấu hình</source>
        <translation>Remove profile</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="104"/>
        <source>Cấu hình máy quét</source>
        <translation>Scanner profiles</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="108"/>
        <source>Tên:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="109"/>
        <source>Thiết bị:</source>
        <translation>Device:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="110"/>
        <source>Nguồn giấy:</source>
        <translation>Paper source:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="111"/>
        <source>Độ phân giải:</source>
        <translation>Resolution:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="112"/>
        <source>Màu sắc:</source>
        <translation>Colour:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="114"/>
        <source>Bản số hóa cần ít nhất 200 dpi (Nghị định 30/2020/NĐ-CP).</source>
        <translation>Digitised copies need at least 200 dpi (Decree 30/2020/NĐ-CP).</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="128"/>
        <source>Không cần</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="128"/>
        <source>Mã truy cập</source>
        <translation>Access token</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="129"/>
        <source>Tên đăng nhập và mật khẩu</source>
        <translation>User name and password</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="136"/>
        <source>để trống nếu không đổi</source>
        <translation>leave empty to keep</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="137"/>
        <source>Máy chủ tiếp nhận</source>
        <translation>Receiving server</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="139"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="140"/>
        <source>Xác thực:</source>
        <translation>Authentication:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="141"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="142"/>
        <source>Mật khẩu / mã:</source>
        <translation>Password / token:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="152"/>
        <source>Cơ quan và ngôn ngữ</source>
        <translation>Agency and language</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="154"/>
        <source>Mã cơ quan tiếp nhận:</source>
        <translation>Receiving agency ID:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="155"/>
        <source>Ngôn ngữ:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="157"/>
        <source>Lưu cài đặt (Ctrl+S)</source>
        <translation>Save settings (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="166"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="220"/>
        <source>Cấu hình {n}</source>
        <translation>Profile {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="226"/>
        <source>Cấu hình mới</source>
        <translation>New profile</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="244"/>
        <source>Chọn thư mục làm việc</source>
        <translation>Choose the workspace folder</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="258"/>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="266"/>
        <source>Mật khẩu đã cất vào kho khóa của máy.</source>
        <translation>The password is in the system keyring.</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="273"/>
        <source>Thư mục làm việc mới dùng từ lần mở sau.</source>
        <translation>The new workspace folder is used from the next start.</translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <location filename="../../desktop/welcome.py" line="17"/>
        <source>Chào mừng đến với Sohoa</source>
        <translation>Welcome to Sohoa</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="21"/>
        <source>Sohoa số hóa hồ sơ tại bộ phận một cửa: quét hoặc nhập giấy tờ, máy đọc chữ, nhận ra thủ tục và từng thành phần hồ sơ, rồi đóng gói và gửi lên hệ thống của tỉnh.

Chưa có máy quét? Hãy mở hồ sơ mẫu để đi thử toàn bộ các bước.</source>
        <translation>Sohoa digitises dossiers at the one-stop desk: scan or import the papers, the machine reads them, recognises the procedure and each component, then packs the dossier and sends it to the provincial system.

No scanner yet? Open the sample dossier to walk through every step.</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="30"/>
        <source>Mở hồ sơ mẫu</source>
        <translation>Open the sample dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="32"/>
        <source>Nhập tệp… (Ctrl+O)</source>
        <translation>Import files… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../desktop/welcome.py" line="33"/>
        <source>Quét (F5)</source>
        <translation>Scan (F5)</translation>
    </message>
</context>
</TS>
