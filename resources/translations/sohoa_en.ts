<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DocumentModel</name>
    <message>
        <location filename="../../desktop/models.py" line="229"/>
        <source>Chưa rõ loại giấy tờ</source>
        <translation>Unknown document type</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="232"/>
        <source>Trang không đọc được chữ — cần xem</source>
        <translation>Page with no readable text — please check</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="236"/>
        <source>{n} trang</source>
        <translation>{n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="241"/>
        <source>máy gợi ý {c}</source>
        <translation>suggested, {c}</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="244"/>
        <source>Loại giấy tờ do máy gợi ý: Enter để nhận, hoặc chọn loại khác.</source>
        <translation>Document type suggested by the machine: Enter accepts it, or choose another type.</translation>
    </message>
</context>
<context>
    <name>DossierListModel</name>
    <message>
        <location filename="../../desktop/models.py" line="193"/>
        <source>{code} (tạm)</source>
        <translation>{code} (provisional)</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="197"/>
        <source>chưa rõ thủ tục</source>
        <translation>procedure not known yet</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <location filename="../../desktop/dossier_view.py" line="1"/>
        <source>Máy chủ dấu thời gian không trả lời: hồ sơ đã được ký số nhưng chưa có dấu thời gian. Thêm dấu thời gian sau ở Hàng đợi gửi, trước khi gửi.</source>
        <translation>The timestamp server did not answer: the dossier is signed but has no timestamp yet. Add the timestamp later in the Outbox, before it is sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="217"/>
        <source>Nhận thủ tục</source>
        <translation>Accept procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="218"/>
        <source>Nhận thủ tục máy gợi ý (Ctrl+Enter)</source>
        <translation>Accept the suggested procedure (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="237"/>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="240"/>
        <source>Họ và tên người nộp</source>
        <translation>Applicant&apos;s full name</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="304"/>
        <source>Đóng gói và đưa vào hàng đợi gửi</source>
        <translation>Pack and add to outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="319"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="320"/>
        <source>Mã hồ sơ:</source>
        <translation>Dossier code:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="327"/>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="333"/>
        <source>Người nộp:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="345"/>
        <location filename="../../desktop/dossier_view.py" line="599"/>
        <source>Thành phần hồ sơ</source>
        <translation>Required components</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="362"/>
        <source>Các trang của giấy tờ đang chọn (nhấp đúp để soát chữ)</source>
        <translation>Pages of the selected document (double-click to review the text)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="364"/>
        <source>Thông tin trích từ giấy tờ đang chọn</source>
        <translation>Details read from the selected document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="337"/>
        <source>Số định danh:</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="340"/>
        <source>Ngày nhận:</source>
        <translation>Received on:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="349"/>
        <source>Giấy tờ trong hồ sơ</source>
        <translation>Documents in the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="352"/>
        <source>Loại giấy tờ:</source>
        <translation>Document type:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="366"/>
        <source>Chuyển trang:</source>
        <translation>Move pages:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="367"/>
        <source>Chuyển các trang đã chọn sang giấy tờ khác</source>
        <translation>Move the selected pages to another document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="406"/>
        <source>Danh sách hồ sơ</source>
        <translation>All dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="431"/>
        <location filename="../../desktop/dossier_view.py" line="448"/>
        <source>Nhận gợi ý</source>
        <translation>Accept suggestion</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="431"/>
        <source>Nhận loại giấy tờ máy gợi ý (Enter)</source>
        <translation>Accept the suggested document type (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="433"/>
        <source>Tách</source>
        <translation>Split</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="433"/>
        <source>Tách giấy tờ tại trang đang chọn (Ctrl+T)</source>
        <translation>Split the document at the selected page (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="434"/>
        <source>Gộp với sau</source>
        <translation>Merge with next</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="434"/>
        <source>Gộp với giấy tờ kế tiếp (Ctrl+G)</source>
        <translation>Merge with the next document (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="436"/>
        <source>Dời giấy tờ lên</source>
        <translation>Move the document up</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="437"/>
        <source>Dời giấy tờ xuống</source>
        <translation>Move the document down</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="449"/>
        <location filename="../../desktop/dossier_view.py" line="860"/>
        <source>Tách giấy tờ</source>
        <translation>Split document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="450"/>
        <location filename="../../desktop/dossier_view.py" line="868"/>
        <source>Gộp giấy tờ</source>
        <translation>Merge documents</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="451"/>
        <source>Đóng gói</source>
        <translation>Pack</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="452"/>
        <source>Giấy tờ sau</source>
        <translation>Next document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="453"/>
        <source>Giấy tờ trước</source>
        <translation>Previous document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="454"/>
        <source>Tìm thủ tục</source>
        <translation>Find procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="455"/>
        <source>Soát chữ</source>
        <translation>Review text</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="484"/>
        <source>Chưa có hồ sơ. Nhập hoặc quét giấy tờ rồi bấm “Lập hồ sơ”.</source>
        <translation>No dossier yet. Import or scan papers, then press “Make dossier”.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="495"/>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="499"/>
        <source>{code} · máy gợi ý, {c:.0f}% tin cậy</source>
        <translation>{code} · suggested, {c:.0f}% confidence</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="502"/>
        <source>Kiểm tra rồi nhận (Ctrl+Enter), hoặc tìm thủ tục khác (Ctrl+K).</source>
        <translation>Check it, then accept (Ctrl+Enter), or find another procedure (Ctrl+K).</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="506"/>
        <source>{code} · đã xác nhận</source>
        <translation>{code} · confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="528"/>
        <source>đóng gói lại (Ctrl+P) để thay gói đang chờ gửi</source>
        <translation>pack it again (Ctrl+P) to replace the package waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="530"/>
        <source>đóng gói lại (Ctrl+P) để gửi bản {n}</source>
        <translation>pack it again (Ctrl+P) to send version {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="533"/>
        <source>đóng gói lại (Ctrl+P)</source>
        <translation>pack it again (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="534"/>
        <source>Đã sửa sau khi đóng gói {name}: {then}.</source>
        <translation>Changed since {name} was packed: {then}.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="542"/>
        <source> (bản {n})</source>
        <translation> (version {n})</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="558"/>
        <source>Mã tạm</source>
        <translation>Provisional</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="559"/>
        <source>Chưa có mã chính thức: gõ mã trên giấy tiếp nhận khi có.</source>
        <translation>No official code yet: type the code from the receipt when there is one.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="612"/>
        <source>(không bắt buộc)</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="613"/>
        <source>còn thiếu</source>
        <translation>missing</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="615"/>
        <location filename="../../desktop/dossier_view.py" line="618"/>
        <source>Đã có trong hồ sơ</source>
        <translation>In the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="621"/>
        <source>Giấy tờ bắt buộc chưa có trong hồ sơ</source>
        <translation>Required document not in the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="626"/>
        <source>Không bắt buộc, chưa có trong hồ sơ</source>
        <translation>Optional, not in the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="630"/>
        <source>Giấy tờ ngoài danh mục của thủ tục</source>
        <translation>Document not in the procedure&apos;s list</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="633"/>
        <source>Thành phần hồ sơ — còn thiếu {n}</source>
        <translation>Components — {n} missing</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="634"/>
        <source>Thành phần hồ sơ — đủ giấy tờ bắt buộc</source>
        <translation>Components — all required papers present</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="739"/>
        <source>Họ tên người {n}</source>
        <translation>Name of person {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="740"/>
        <source>Họ tên (thêm người)</source>
        <translation>Name (add a person)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="742"/>
        <source>Số định danh {n}</source>
        <translation>ID number {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="743"/>
        <source>Số định danh (thêm)</source>
        <translation>ID number (add)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="744"/>
        <source>Ngày {n}</source>
        <translation>Date {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="744"/>
        <source>Ngày (thêm)</source>
        <translation>Date (add)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="895"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="937"/>
        <source>Đã hủy: hồ sơ chưa được ký và chưa đóng gói.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="984"/>
        <source>Chưa đóng gói: còn thiếu {names}.</source>
        <translation>Not packed: {names} missing.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="991"/>
        <source>Hồ sơ chưa được đóng gói. Cắm lại token hoặc nhập lại mã PIN rồi bấm Đóng gói lần nữa.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="1007"/>
        <source>Hồ sơ không thay đổi từ lần đóng gói trước; gói {name} đã ở trong hàng đợi gửi.</source>
        <translation>Nothing changed since the last pack; {name} is already in the outbox.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="1010"/>
        <source>Hồ sơ không thay đổi từ khi gửi gói {name}; không cần gửi lại.</source>
        <translation>Nothing changed since {name} was sent; no need to send it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="1013"/>
        <source>Đã đóng gói lại: {name} thay cho gói chưa gửi trong hàng đợi.</source>
        <translation>Packed again: {name} replaces the package that was waiting in the outbox.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="1016"/>
        <source>Đã đóng gói bản {n}: {name}, thay cho bản đã gửi {old}.</source>
        <translation>Packed version {n}: {name}, replacing {old}, which was sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="1019"/>
        <source>Đã đóng gói và đưa vào hàng đợi gửi: {name}</source>
        <translation>Packed and added to the outbox: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="523"/>
        <source>Bản nháp</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="523"/>
        <source>Sẵn sàng</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="541"/>
        <source>Đã đóng gói</source>
        <translation>Packed</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="537"/>
        <source>Đang chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="539"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="524"/>
        <location filename="../../desktop/dossier_view.py" line="546"/>
        <source>Trạng thái: {s}</source>
        <translation>State: {s}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="293"/>
        <source>Thông tin</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="293"/>
        <source>Giá trị</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="554"/>
        <source>Mã chính thức</source>
        <translation>Official code</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="570"/>
        <source>— chưa rõ —</source>
        <translation>— unknown —</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="600"/>
        <source>Chọn thủ tục để xem giấy tờ cần có.</source>
        <translation>Choose a procedure to see the papers it needs.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="664"/>
        <source>— chọn giấy tờ —</source>
        <translation>— choose a document —</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="677"/>
        <source>Không thực hiện được</source>
        <translation>Could not do that</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="834"/>
        <source>Nhận loại giấy tờ</source>
        <translation>Accept document type</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="852"/>
        <source>Đổi loại giấy tờ</source>
        <translation>Change document type</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="874"/>
        <source>Dời giấy tờ</source>
        <translation>Move document</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="883"/>
        <source>Chuyển trang</source>
        <translation>Move pages</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="893"/>
        <source>Soát chữ — {name}</source>
        <translation>Review text — {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="973"/>
        <source>Đang đóng gói…</source>
        <translation>Packing…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="1023"/>
        <source>Gửi khi còn thiếu {names}; lý do đã được ghi lại.</source>
        <translation>Sent with {names} missing; the reason was recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="1029"/>
        <source>Lưu ý: {n} trang được quét dưới 200 dpi, thấp hơn mức Nghị định 30/2020 yêu cầu; nên quét lại các trang này.</source>
        <translation>Note: {n} pages were scanned below 200 dpi, under what Decree 30/2020 requires; rescan them if you can.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_view.py" line="995"/>
        <source>Đóng gói hồ sơ</source>
        <translation>Packing dossier</translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <location filename="../../desktop/viewer.py" line="157"/>
        <source>Thu nhỏ (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="159"/>
        <source>Phóng to (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="161"/>
        <source>Vừa khung</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="162"/>
        <source>Vừa khung (Ctrl+0)</source>
        <translation>Fit to window (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="163"/>
        <source>Kích thước thật</source>
        <translation>Actual size</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../desktop/messages.py" line="31"/>
        <source>vi</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="52"/>
        <source>Sohoa — Số hóa hồ sơ một cửa</source>
        <translation>Sohoa — one-stop desk digitisation</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="80"/>
        <source>Quét / Nhập</source>
        <translation>Scan / Import</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="80"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="80"/>
        <source>Hàng đợi gửi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="81"/>
        <source>Tìm kiếm</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="81"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="81"/>
        <source>Việc cần làm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="82"/>
        <source>Kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="82"/>
        <source>Báo cáo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="107"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="108"/>
        <source>Dừng việc đang chạy (phần đã xong được giữ lại)</source>
        <translation>Stop the running work (what is done is kept)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="168"/>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="170"/>
        <source>Làm lại</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="231"/>
        <source>Đã xóa bản sao tại máy của {n} hồ sơ đã gửi quá thời hạn lưu giữ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="236"/>
        <source>Chưa xóa được bản sao hết hạn: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="272"/>
        <source>Đang nhập và đọc chữ hồ sơ mẫu…</source>
        <translation>Importing and reading the sample dossier…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="273"/>
        <source>Mở hồ sơ mẫu</source>
        <translation>Open the sample dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="295"/>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="304"/>
        <source>Không có máy quét</source>
        <translation>No scanner</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="305"/>
        <source>Không tìm thấy máy quét nào. Hãy cắm cáp và bật máy quét, rồi bấm Quét (F5) lần nữa. Vẫn nhập được tệp ảnh hoặc PDF (Ctrl+O).</source>
        <translation>No scanner was found. Connect the scanner and switch it on, then press Scan (F5) again. You can still import image or PDF files (Ctrl+O).</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="310"/>
        <source>Không tìm thấy máy quét nào.</source>
        <translation>No scanner was found.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="317"/>
        <source>Quét giấy tờ</source>
        <translation>Scanning</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="346"/>
        <source>Sẵn sàng</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="357"/>
        <source>{title}: tạm dừng</source>
        <translation>{title}: paused</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="360"/>
        <source>Tạm dừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="369"/>
        <source>Chờ gửi: {n}</source>
        <translation>To send: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="370"/>
        <source> · lỗi: {n}</source>
        <translation> · failed: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="386"/>
        <source>Chưa đặt máy chủ nhận hồ sơ</source>
        <translation>No upload server set</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="387"/>
        <source>Kết nối được máy chủ nhận hồ sơ</source>
        <translation>Upload server reachable</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="389"/>
        <source>Máy chủ nhận hồ sơ không nhận kết nối; hồ sơ vẫn chờ trong hàng đợi</source>
        <translation>The upload server refuses connections; dossiers wait in the outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="391"/>
        <source>Mất mạng; hồ sơ vẫn chờ trong hàng đợi</source>
        <translation>Offline; dossiers wait in the outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="217"/>
        <source>Hoàn tất lô bị gián đoạn</source>
        <translation>Finishing interrupted batches</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../../desktop/worklist_view.py" line="44"/>
        <source>Chọn cột của sổ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="46"/>
        <source>Tệp này có tiêu đề cột lạ. Chọn cột cho từng mục; lần sau Sohoa sẽ tự nhận ra.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="51"/>
        <source>(không có)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <location filename="../../desktop/models.py" line="274"/>
        <source>Gói</source>
        <translation>Package</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="274"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="274"/>
        <source>Tiến độ</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="275"/>
        <source>Tốc độ</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="275"/>
        <source>Còn lại</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="275"/>
        <source>Lỗi gần nhất</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="276"/>
        <source>Ký số</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="280"/>
        <source>Đang chờ</source>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="281"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="282"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="283"/>
        <source>Lỗi</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="284"/>
        <source>Đã chép ra USB</source>
        <translation>Copied to USB</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="336"/>
        <source>Bản {n} của hồ sơ {code}</source>
        <translation>Version {n} of dossier {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="342"/>
        <source>{name} (bản {n})</source>
        <translation>{name} (version {n})</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="346"/>
        <source>Tạm dừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="349"/>
        <source>(đã thử {n} lần)</source>
        <translation>({n} tries)</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../desktop/outbox_view.py" line="1"/>
        <source>Thêm dấu thời gian</source>
        <translation>Add timestamps</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="1"/>
        <source>Thêm dấu thời gian cho các gói đã ký số khi máy chủ dấu thời gian chưa trả lời</source>
        <translation>Add a timestamp to the signed packages the timestamp server did not answer for</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="1"/>
        <source>Đang thêm dấu thời gian…</source>
        <translation>Adding timestamps…</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="1"/>
        <source>Đã thêm dấu thời gian cho {n} gói.</source>
        <translation>Timestamps added to {n} packages.</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="1"/>
        <source>Không có gói nào cần thêm dấu thời gian.</source>
        <translation>No package needs a timestamp.</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="80"/>
        <source>Gửi ngay</source>
        <translation>Send now</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="82"/>
        <source>Tạm dừng</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="83"/>
        <source>Tiếp tục</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="84"/>
        <source>Thử lại mục lỗi</source>
        <translation>Retry failed</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="89"/>
        <source>Xuất ra USB…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="91"/>
        <source>Mã hóa các gói đang chờ bằng khóa của tỉnh (hoặc mật khẩu) và chép ra USB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="95"/>
        <source>Hàng đợi gửi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="138"/>
        <source>{q} đang chờ · {u} đang gửi · {d} đã gửi · {f} lỗi</source>
        <translation>{q} queued · {u} sending · {d} sent · {f} failed</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="152"/>
        <source>Chưa đặt máy chủ nhận hồ sơ: vào Cài đặt (Ctrl+5).</source>
        <translation>No upload server set: see Settings (Ctrl+5).</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="169"/>
        <source>Gửi hồ sơ</source>
        <translation>Sending dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="173"/>
        <source>Đang gửi…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="191"/>
        <source>Xong lượt gửi: {msg}</source>
        <translation>Sending finished: {msg}</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="207"/>
        <source>Đã tạm dừng; phần đã gửi được giữ lại.</source>
        <translation>Paused; what was sent is kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="213"/>
        <source>Đang gửi tiếp…</source>
        <translation>Sending again…</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="227"/>
        <source>Thử lại</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="232"/>
        <source>Chọn ổ USB để xuất</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="241"/>
        <source>Xuất ra USB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="244"/>
        <source>Đang mã hóa và chép ra USB…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="248"/>
        <source>Chưa có khóa công khai của tỉnh. Đặt mật khẩu cho bản xuất (ít nhất {n} ký tự) và báo cho huyện bằng cách khác (gọi điện):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="251"/>
        <location filename="../../desktop/outbox_view.py" line="255"/>
        <source>Mật khẩu xuất</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="256"/>
        <source>Nhập lại mật khẩu:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="261"/>
        <source>Hai mật khẩu khác nhau; chưa xuất gì.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="269"/>
        <source>Đã chép {n} gói ra USB, KHÔNG mã hóa (theo cài đặt).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/outbox_view.py" line="271"/>
        <source>Đã mã hóa và chép {n} gói ra USB.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="31"/>
        <source>Đóng gói hồ sơ {code}</source>
        <translation>Pack dossier {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="42"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="43"/>
        <source>Dùng mã chính thức trên giấy tiếp nhận:</source>
        <translation>Use the official code on the receipt:</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="48"/>
        <source>Chưa có mã chính thức: gửi với mã tạm {code}</source>
        <translation>No official code yet: send it with the provisional code {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="63"/>
        <source>Còn thiếu giấy tờ bắt buộc</source>
        <translation>Required papers missing</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="68"/>
        <source>Lý do vẫn gửi hồ sơ (ghi vào hồ sơ điện tử và nhật ký):</source>
        <translation>Why it goes anyway (written into the record and the log):</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="71"/>
        <source>Ví dụ: công dân sẽ bổ sung giấy chứng sinh sau</source>
        <translation>For example: the citizen brings the birth certificate later</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="85"/>
        <source>Đóng gói và đưa vào hàng đợi gửi</source>
        <translation>Pack and put in the outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="87"/>
        <source>Quay lại</source>
        <translation>Go back</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="109"/>
        <source>Gói {name} của hồ sơ này đang chờ gửi; gói mới sẽ thay cho nó.</source>
        <translation>{name} of this dossier is waiting to be sent; the new package replaces it.</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="112"/>
        <source>Hồ sơ này đã gửi đi; gói mới sẽ là bản {n}, gửi kèm ghi chú thay cho bản trước.</source>
        <translation>This dossier was sent; the new package is version {n} and says it replaces the previous one.</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="135"/>
        <source>Gõ mã hồ sơ chính thức, hoặc chọn gửi với mã tạm.</source>
        <translation>Type the official dossier code, or choose to send it with the provisional code.</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="137"/>
        <location filename="../../desktop/pack_dialog.py" line="151"/>
        <source>Mã hồ sơ phải có dạng 000.00.06.H56-231027-0361.</source>
        <translation>A dossier code looks like 000.00.06.H56-231027-0361.</translation>
    </message>
    <message>
        <location filename="../../desktop/pack_dialog.py" line="139"/>
        <source>Ghi lý do vẫn gửi khi còn thiếu giấy tờ.</source>
        <translation>Write why it goes with papers missing.</translation>
    </message>
</context>
<context>
    <name>PageModel</name>
    <message>
        <location filename="../../desktop/models.py" line="102"/>
        <source>Trang {n}</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="104"/>
        <source>trắng?</source>
        <translation>blank?</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="106"/>
        <source>lỗi</source>
        <translation>error</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="108"/>
        <source>đang đọc</source>
        <translation>reading</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="115"/>
        <source>Trang có vẻ trắng: kiểm tra rồi xóa nếu đúng.</source>
        <translation>Looks blank: check it and delete it if so.</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="119"/>
        <source>Độ tin cậy OCR: {c:.0f}%</source>
        <translation>OCR confidence: {c:.0f}%</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <location filename="../../desktop/viewer.py" line="205"/>
        <source>có thể là trang trắng</source>
        <translation>may be blank</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="207"/>
        <source>OCR {c:.0f}%</source>
        <translation>OCR {c:.0f}%</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../desktop/pin_dialog.py" line="21"/>
        <source>Ký số</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/pin_dialog.py" line="39"/>
        <source>Ký</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/pin_dialog.py" line="40"/>
        <source>Hủy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../desktop/dossier_view.py" line="77"/>
        <source>Tìm thủ tục: gõ tên hoặc mã, không dấu cũng được</source>
        <translation>Find a procedure: type its name or code, marks optional</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../../desktop/reports_view.py" line="55"/>
        <source>Báo cáo số hóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="63"/>
        <source>Xem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="67"/>
        <source>Từ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="69"/>
        <source>đến</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="72"/>
        <source>Tháng này</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="73"/>
        <source>Tháng trước</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="74"/>
        <source>Năm nay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="79"/>
        <source>Xuất Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="80"/>
        <source>Xuất PDF để in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="87"/>
        <source>Hồ sơ đã số hóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="88"/>
        <source>Kết quả đã số hóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="89"/>
        <source>Thành phần tái sử dụng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="96"/>
        <source>Tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="96"/>
        <source>Đã số hóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="152"/>
        <source>Ngày bắt đầu sau ngày kết thúc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="161"/>
        <source>Lập báo cáo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="170"/>
        <source>{a} / {b} hồ sơ tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="173"/>
        <source>{a} / {b} kết quả đã ban hành</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="176"/>
        <source>{a} / {b} thành phần hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="180"/>
        <source>{pages} trang đã quét · {outbox} gói còn chờ gửi · từ tiếp nhận tới khi giao: {hours}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="183"/>
        <source>chưa có</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="184"/>
        <source>{h} giờ (trung vị)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="188"/>
        <source>Chưa có hồ sơ nào trong kỳ này</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="198"/>
        <source>Bảng tính Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="199"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="200"/>
        <source>Lưu báo cáo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="217"/>
        <source>Xuất báo cáo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reports_view.py" line="218"/>
        <source>Đã lưu: {p}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <location filename="../../desktop/results_view.py" line="35"/>
        <source>Đã đóng gói</source>
        <translation type="unfinished">Packed</translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="37"/>
        <source>Đã xác nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="38"/>
        <source>Chờ xác nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="77"/>
        <source>Kết quả giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="80"/>
        <source>Mã hồ sơ mà kết quả giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="81"/>
        <source>Nhập bản quét kết quả…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="85"/>
        <source>Hồ sơ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="89"/>
        <source>Trạng thái</source>
        <translation type="unfinished">State</translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="89"/>
        <source>Hồ sơ</source>
        <translation type="unfinished">Dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="89"/>
        <source>Loại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="90"/>
        <source>Số, ký hiệu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="90"/>
        <source>Ngày ký</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="117"/>
        <source>Lưu và xác nhận (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="120"/>
        <location filename="../../desktop/results_view.py" line="287"/>
        <source>Đóng gói kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="181"/>
        <source>Chọn một kết quả, hoặc nhập bản quét kết quả mới.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="185"/>
        <source>Đã đóng gói thành hồ sơ điện tử riêng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="186"/>
        <source>Đã xác nhận. Có thể đóng gói.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="187"/>
        <source>Các ô do máy đọc đề xuất — đối chiếu với bản giấy rồi xác nhận.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="193"/>
        <source>(không có trang)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="214"/>
        <source>(không hiện được trang)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="221"/>
        <source>Chọn bản quét kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="222"/>
        <source>Ảnh hoặc PDF (*.png *.jpg *.jpeg *.jfif *.tif *.tiff *.gif *.bmp *.webp *.heic *.heif *.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="229"/>
        <source>Nhập mã hồ sơ mà kết quả này giải quyết.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="248"/>
        <source>Đọc bản quét kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/results_view.py" line="283"/>
        <source>Đã đóng gói và đưa vào hàng đợi gửi: {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReusePanel</name>
    <message>
        <location filename="../../desktop/reuse_panel.py" line="17"/>
        <source>không thời hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reuse_panel.py" line="32"/>
        <source>Dùng lại giấy tờ đã có (Ctrl+U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reuse_panel.py" line="34"/>
        <source>Bỏ dùng lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reuse_panel.py" line="45"/>
        <source>Dùng lại giấy tờ đã có</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reuse_panel.py" line="64"/>
        <source>Người nộp đã có trên hệ thống (còn hạn):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/reuse_panel.py" line="68"/>
        <source>Đã dùng lại, không cần quét:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewWidget</name>
    <message>
        <location filename="../../desktop/viewer.py" line="243"/>
        <source>Chưa có chữ nhận dạng cho trang này.</source>
        <translation>No recognised text for this page yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="253"/>
        <source>Lưu chữ (Ctrl+S)</source>
        <translation>Save text (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="256"/>
        <source>Từ tô vàng: máy đọc chưa chắc, hãy kiểm tra.</source>
        <translation>Words in yellow: the machine was unsure, please check.</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="315"/>
        <source>Bản nháp chưa lưu (khôi phục sau khi tắt máy)</source>
        <translation>Unsaved draft (recovered after a restart)</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="385"/>
        <source>Đang sửa…</source>
        <translation>Editing…</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="393"/>
        <source>Bản nháp đã giữ — nhấn Ctrl+S để lưu</source>
        <translation>Draft kept — press Ctrl+S to save</translation>
    </message>
    <message>
        <location filename="../../desktop/viewer.py" line="407"/>
        <source>Đã lưu.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>ScanView</name>
    <message>
        <source>Trang {pages}: máy không chắc chiều đúng của trang nên để nguyên; xem lại và xoay nếu cần.</source>
        <translation>Page {pages}: Sohoa was not sure which way is up and left it as it came; check it and turn it if needed.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="61"/>
        <source>Nhập tệp…</source>
        <translation>Import files…</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="63"/>
        <source>Quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="66"/>
        <source>Xoay phải</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="67"/>
        <source>Xoay trái</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="69"/>
        <source>Xóa trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="70"/>
        <source>Khôi phục</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="72"/>
        <source>Dời lên</source>
        <translation>Move earlier</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="74"/>
        <source>Dời xuống</source>
        <translation>Move later</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="77"/>
        <location filename="../../desktop/scan_view.py" line="410"/>
        <source>Lập hồ sơ</source>
        <translation>Make dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="78"/>
        <source>Trang sau</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="81"/>
        <source>Trang trước</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="91"/>
        <source>Hiện trang đã xóa</source>
        <translation>Show deleted pages</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="105"/>
        <source>Tiếp tục đọc chữ</source>
        <translation>Continue reading</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="133"/>
        <source>Trang</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="134"/>
        <source>Soát chữ (OCR)</source>
        <translation>Review text (OCR)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="138"/>
        <source>Lô:</source>
        <translation>Batch:</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="182"/>
        <source>Lô {id} · {n} trang · {day}</source>
        <translation>Batch {id} · {n} pages · {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="227"/>
        <source>{n} trang chưa đọc chữ.</source>
        <translation>{n} page(s) not read yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="229"/>
        <source>{n} trang có vẻ trắng (nền vàng): xem lại rồi xóa nếu đúng.</source>
        <translation>{n} page(s) look blank (yellow): check them and delete if so.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="232"/>
        <source>{n} trang đọc lỗi (nền đỏ).</source>
        <translation>{n} page(s) could not be read (red).</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="248"/>
        <source>Hồ sơ {code} đang chờ gửi đã bị sửa: đóng gói lại để thay gói trong hàng đợi.</source>
        <translation>Dossier {code}, waiting to be sent, was changed: pack it again to replace the package in the outbox.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="251"/>
        <source>Hồ sơ {code} đã gửi đi; các trang vừa sửa chỉ đến nơi khi đóng gói và gửi bản {n}.</source>
        <translation>Dossier {code} was sent; the pages just changed arrive only when version {n} is packed and sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="255"/>
        <source>Hồ sơ {code} đã đóng gói trước khi sửa: đóng gói lại.</source>
        <translation>Dossier {code} was packed before this change: pack it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="296"/>
        <source>Xoay {n} trang</source>
        <translation>Rotate {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="304"/>
        <source>Xóa {n} trang</source>
        <translation>Delete {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="311"/>
        <source>Khôi phục {n} trang</source>
        <translation>Restore {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="318"/>
        <source>Dời {n} trang</source>
        <translation>Move {n} page(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="346"/>
        <source>Chọn ảnh quét hoặc PDF</source>
        <translation>Choose scanned images or PDFs</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="347"/>
        <source>Ảnh và PDF (*.png *.jpg *.jpeg *.jfif *.tif *.tiff *.gif *.bmp *.webp *.heic *.heif *.pdf);;Mọi tệp (*)</source>
        <translation>Images and PDFs (*.png *.jpg *.jpeg *.jfif *.tif *.tiff *.gif *.bmp *.webp *.heic *.heif *.pdf);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="352"/>
        <source>Nhập và đọc chữ</source>
        <translation>Importing and reading</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="379"/>
        <source>Không nhập được tệp nào:</source>
        <translation>No file could be imported:</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="399"/>
        <source>Đọc chữ tiếp</source>
        <translation>Reading the rest</translation>
    </message>
    <message>
        <location filename="../../desktop/scan_view.py" line="363"/>
        <source>{name}: đã nhập trong lô {n}</source>
        <translation>{name}: already imported in batch {n}</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <location filename="../../desktop/models.py" line="392"/>
        <source>{file} (chưa thuộc hồ sơ nào)</source>
        <translation>{file} (in no dossier yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="393"/>
        <source>chưa rõ người nộp</source>
        <translation>applicant unknown</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../desktop/search_view.py" line="62"/>
        <source>Tìm kiếm trong các trang đã số hóa</source>
        <translation>Search every digitised page</translation>
    </message>
    <message>
        <location filename="../../desktop/search_view.py" line="66"/>
        <source>Gõ tên, số định danh, nội dung… (không dấu cũng được)</source>
        <translation>Type a name, ID number, words… (marks optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/search_view.py" line="96"/>
        <source>Tìm kiếm</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/search_view.py" line="105"/>
        <source>{n} trang khớp với “{q}”</source>
        <translation>{n} page(s) match “{q}”</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../desktop/settings_view.py" line="72"/>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="77"/>
        <source>Thư mục làm việc</source>
        <translation>Workspace folder</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="80"/>
        <source>Đổi thư mục có hiệu lực khi mở lại Sohoa.</source>
        <translation>A new folder takes effect when Sohoa is reopened.</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="101"/>
        <source>Mặt kính</source>
        <translation>Flatbed</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="101"/>
        <source>Khay nạp giấy</source>
        <translation>Document feeder</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="102"/>
        <source>Khay nạp, hai mặt</source>
        <translation>Feeder, both sides</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="109"/>
        <source>Màu</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="110"/>
        <source>Xám</source>
        <translation>Grey</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="111"/>
        <source>Thêm cấu hình</source>
        <translation>Add profile</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="113"/>
        <source>Xóa cấu hình</source>
        <translation>Remove profile</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="115"/>
        <source>Cấu hình máy quét</source>
        <translation>Scanner profiles</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="119"/>
        <source>Tên:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="125"/>
        <source>Nguồn giấy:</source>
        <translation>Paper source:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="126"/>
        <source>Độ phân giải:</source>
        <translation>Resolution:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="127"/>
        <source>Màu sắc:</source>
        <translation>Colour:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="129"/>
        <source>Bản số hóa cần ít nhất 200 dpi (Nghị định 30/2020/NĐ-CP).</source>
        <translation>Digitised copies need at least 200 dpi (Decree 30/2020/NĐ-CP).</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="143"/>
        <source>Không cần</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="143"/>
        <source>Mã truy cập</source>
        <translation>Access token</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="144"/>
        <source>Tên đăng nhập và mật khẩu</source>
        <translation>User name and password</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="151"/>
        <source>để trống nếu không đổi</source>
        <translation>leave empty to keep</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="91"/>
        <source>Tìm máy quét</source>
        <translation>Find scanners</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="92"/>
        <source>Tìm máy quét cắm vào máy tính (USB) và máy quét trong mạng</source>
        <translation>Look for scanners connected to this computer (USB) and on the network</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="123"/>
        <source>Máy quét:</source>
        <translation>Scanner:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="152"/>
        <source>Máy chủ nhận hồ sơ</source>
        <translation>Upload server</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="154"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="155"/>
        <source>Xác thực:</source>
        <translation>Authentication:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="156"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="157"/>
        <source>Mật khẩu / mã:</source>
        <translation>Password / token:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="161"/>
        <source>Khóa công khai của tỉnh (age): các gói xuất ra USB được mã hóa bằng khóa này</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="162"/>
        <source>Khóa xuất USB:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="172"/>
        <source>Cơ quan và ngôn ngữ</source>
        <translation>Agency and language</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="174"/>
        <source>Mã cơ quan tiếp nhận:</source>
        <translation>Receiving agency ID:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="175"/>
        <source>Ngôn ngữ:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="177"/>
        <source>Lưu cài đặt (Ctrl+S)</source>
        <translation>Save settings (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="186"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="197"/>
        <source>Yêu cầu về dữ liệu cá nhân…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="199"/>
        <source>Tra cứu, xuất hoặc xóa mọi dữ liệu về một người theo số định danh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="250"/>
        <source>Cấu hình {n}</source>
        <translation>Profile {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="256"/>
        <source>— chưa chọn máy quét —</source>
        <translation>— no scanner chosen —</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="260"/>
        <source>{name} (lần tìm gần nhất không thấy)</source>
        <translation>{name} (not found last time)</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="272"/>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="290"/>
        <source>Không tìm thấy máy quét nào. Hãy cắm cáp và bật máy quét (máy quét mạng: nối cùng mạng), rồi bấm Tìm máy quét lần nữa. Vẫn nhập được tệp ảnh, PDF.</source>
        <translation>No scanner was found. Connect the scanner and switch it on (a network scanner: on the same network), then press Find scanners again. You can still import image and PDF files.</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="293"/>
        <source>Tìm thấy {n} máy quét.</source>
        <translation>Found {n} scanner(s).</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="298"/>
        <source>Cấu hình mới</source>
        <translation>New profile</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="321"/>
        <source>Chọn thư mục làm việc</source>
        <translation>Choose the workspace folder</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="332"/>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="367"/>
        <source>Mật khẩu đã cất vào kho khóa của máy.</source>
        <translation>The password is in the system keyring.</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_view.py" line="374"/>
        <source>Thư mục làm việc mới dùng từ lần mở sau.</source>
        <translation>The new workspace folder is used from the next start.</translation>
    </message>
</context>
<context>
    <name>SigningSettings</name>
    <message>
        <location filename="../../desktop/signing_settings.py" line="30"/>
        <source>Ký số</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="37"/>
        <source>Ký số mọi hồ sơ khi đóng gói</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="40"/>
        <source>Token USB (PKCS#11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="41"/>
        <source>Tệp chứng thư (PKCS#12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="45"/>
        <source>thư viện của token, ví dụ …/libsofthsm2.so</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="49"/>
        <source>Chọn…</source>
        <translation type="unfinished">Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="55"/>
        <source>Dấu &quot;Đã số hóa&quot; trên trang đầu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="56"/>
        <source>Chữ ký ẩn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="60"/>
        <source>ví dụ: UBND xã …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="63"/>
        <source>Nhúng dữ liệu thu hồi chứng thư (PAdES B-LT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="68"/>
        <source>Cài chứng thư gốc tin cậy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="77"/>
        <source>Khóa ký:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="78"/>
        <source>Thư viện token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="79"/>
        <source>Tên token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="80"/>
        <source>Tên khóa:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="81"/>
        <source>Tệp PKCS#12:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="82"/>
        <source>Hình thức:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="83"/>
        <source>Tên cơ quan trên dấu:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="84"/>
        <source>Máy chủ dấu thời gian:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="86"/>
        <source>Chứng thư gốc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="100"/>
        <source>Đã cài</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="101"/>
        <source>Chưa cài: chưa kiểm tra được chữ ký về gốc tin cậy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="104"/>
        <source>Chọn tệp chứng thư</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="106"/>
        <source>Chứng thư (*.p12 *.pfx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="111"/>
        <source>Chọn chứng thư gốc tin cậy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="112"/>
        <source>Chứng thư (*.pem *.crt *.cer *.der)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/signing_settings.py" line="124"/>
        <source>Đã cài {n} chứng thư gốc tin cậy.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubjectDialog</name>
    <message>
        <location filename="../../desktop/subject_view.py" line="30"/>
        <source>Yêu cầu về dữ liệu cá nhân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="35"/>
        <source>Số định danh cá nhân (12 số) hoặc CMND (9 số)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="37"/>
        <source>Tìm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="41"/>
        <source>Mục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="41"/>
        <source>Trạng thái</source>
        <translation type="unfinished">State</translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="41"/>
        <source>Ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="45"/>
        <source>Xuất cho người dân…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="47"/>
        <source>Xóa theo yêu cầu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="85"/>
        <source>Tìm dữ liệu cá nhân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="93"/>
        <source>đã gửi tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="93"/>
        <source>chưa gửi tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="96"/>
        <source>Hồ sơ {code} · thủ tục {proc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="100"/>
        <source>Giấy tờ {n}: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="103"/>
        <source>Trang {n}: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="106"/>
        <source>Gói {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="110"/>
        <source>Trang {n} (chưa thuộc hồ sơ): {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="113"/>
        <source>Không có dữ liệu nào về số này.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="115"/>
        <source>{n} hồ sơ; tên đi kèm: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="122"/>
        <source>Chọn nơi lưu bản xuất</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="134"/>
        <source>Xuất dữ liệu cá nhân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="135"/>
        <source>Đã xuất: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="142"/>
        <source>Xóa theo yêu cầu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="143"/>
        <source>Xóa mọi dữ liệu về số {n} tại máy này? Không thể hoàn tác.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="155"/>
        <source>Xóa dữ liệu cá nhân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="161"/>
        <source>Hồ sơ chưa gửi tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="162"/>
        <source>Có hồ sơ chưa gửi tỉnh nên chưa được xóa. Quản trị viên vẫn muốn xóa thì ghi lý do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/subject_view.py" line="169"/>
        <source>Đã xóa {n} hồ sơ, {p} trang.</source>
        <translation type="unfinished"></translation>
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
<context>
    <name>WorklistView</name>
    <message>
        <location filename="../../desktop/worklist_view.py" line="67"/>
        <source>Chưa số hóa hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="69"/>
        <source>Chưa số hóa kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="85"/>
        <source>Việc cần làm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="89"/>
        <source>Nhập sổ tiếp nhận (CSV, Excel)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="92"/>
        <source>Số hóa kết quả của hồ sơ này…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="95"/>
        <source>Việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="95"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="95"/>
        <source>Ngày tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="96"/>
        <source>Mã thủ tục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="96"/>
        <source>Thủ tục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="96"/>
        <source>Chủ hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="137"/>
        <source>Chưa có sổ tiếp nhận. Nhập danh sách hồ sơ đã tiếp nhận từ hệ thống một cửa để biết hồ sơ nào chưa số hóa.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="141"/>
        <source>{d} hồ sơ chưa số hóa · {r} kết quả chưa số hóa (trong {n} hồ sơ của sổ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="172"/>
        <source>Chọn tệp sổ tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="173"/>
        <source>Sổ tiếp nhận (*.csv *.xlsx *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="185"/>
        <source>Nhập sổ tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="192"/>
        <source>Đã nhập {n} hồ sơ ({a} mới, {u} cập nhật).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/worklist_view.py" line="195"/>
        <source>{k} dòng không nhập được:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
